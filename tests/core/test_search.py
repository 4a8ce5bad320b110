"""Site search as a visitor uses it: any input, helpful answers, bounded cost."""

import pytest
from wagtail.models import Locale

from msme_platform.core.models import StandardPage
from msme_platform.core.search import MAX_QUERY_LENGTH, highlight
from tests.core.factories import StandardPageFactory
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_search_finds_a_page_by_a_word_of_its_title_and_ranks_it_first(client):
    html = client.get("/en/search/", {"q": "accessibility"}).content.decode()
    results = html.split('class="card-list search-results"', 1)[1]
    first_link = results.split('href="', 1)[1].split('"', 1)[0]
    assert first_link == "/en/accessibility/"


def test_search_highlights_the_query_in_title_and_summary(client):
    html = client.get("/en/search/", {"q": "privacy"}).content.decode()
    assert "<mark>Privacy</mark> notice" in html


def test_search_only_returns_pages_in_the_visitors_language(client):
    html = client.get("/fr/search/", {"q": "accessibility"}).content.decode()
    assert 'href="/fr/accessibility/"' in html
    assert 'href="/en/accessibility/"' not in html


def test_no_results_says_so_and_suggests_what_to_do(client):
    html = client.get("/en/search/", {"q": "zzqxv"}).content.decode()
    assert "0 results for" in html
    assert "check the spelling" in html
    assert 'href="/en/msmes/"' in html


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        "'; DROP TABLE wagtailcore_page; --",
        "a OR b NOT c* NEAR(x",
        "😀 🚢",
        "x" * 5000,
        "trade\x00nul",
        "%_\\",
        "<script>alert(1)</script>",
        "AND",
    ],
)
def test_any_string_is_accepted(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_very_long_query_is_shortened_with_a_notice(client):
    response = client.get("/en/search/", {"q": "trade " * 1000})
    assert response.status_code == 200
    assert f"only its first {MAX_QUERY_LENGTH} characters" in response.content.decode()


def test_results_paginate_and_keep_the_query(client):
    about = StandardPage.objects.get(slug="about", locale=Locale.get_default())
    for number in range(12):
        StandardPageFactory(parent=about, title=f"Quokkaland export guide {number}")
    first = client.get("/en/search/", {"q": "quokkaland guide"}).content.decode()
    assert "12 results for" in first
    assert 'href="?q=quokkaland+guide&amp;page=2"' in first
    second = client.get("/en/search/", {"q": "quokkaland guide", "page": 2}).content.decode()
    assert second.count('class="card"') == 2
    beyond = client.get("/en/search/", {"q": "quokkaland guide", "page": "99"})
    assert beyond.status_code == 200  # the last page, not an error
    assert client.get("/en/search/", {"q": "quokkaland guide", "page": "x"}).status_code == 200


def test_search_query_count_does_not_grow_with_results(client):
    about = StandardPage.objects.get(slug="about", locale=Locale.get_default())

    def grow():
        for number in range(40):
            StandardPageFactory(parent=about, title=f"Finance guide {number}")

    StandardPageFactory(parent=about, title="Finance guide first")
    assert_constant_queries(
        lambda: client.get("/en/search/", {"q": "finance guide"}), grow, limit=15
    )


def test_highlight_escapes_html_and_marks_the_query_words():
    assert highlight("<b>Trade</b> & trading", "trade") == (
        "&lt;b&gt;<mark>Trade</mark>&lt;/b&gt; &amp; trading"
    )
    assert highlight("Small firms", "") == "Small firms"


@pytest.mark.parametrize(
    "language, title, exact_word, other_forms",
    [
        ("fr", "Accords commerciaux régionaux", "accords", ["accord", "commercial", "régional"]),
        ("es", "Acuerdos comerciales regionales", "acuerdos", ["acuerdo", "comercial"]),
        ("en", "Regional trade agreements", "agreements", ["agreement"]),
    ],
)
def test_search_finds_other_forms_of_a_word_in_the_pages_language(
    client, language, title, exact_word, other_forms
):
    """Both databases stem each language as itself: PostgreSQL with its text search
    configurations, SQLite with the Snowball stems indexed beside the words.

    The page is published through a revision, as an editor would, so the index entry the
    search reads is the one the publish signal wrote.
    """
    about = StandardPage.objects.get(slug="about", locale__language_code=language)
    page = StandardPageFactory(parent=about, title="Brouillon")
    # A word of its own keeps the page on the first page of results: "accords" alone
    # matches every agreement, and synonyms ("accord commercial", "ALE") add more.
    page.title = f"{title} Zorbulat"
    page.save_revision().publish()
    link = f'href="{page.get_url()}"'

    def found(word):
        query = {"q": f"{word} zorbulat"}
        return link in client.get(f"/{language}/search/", query).content.decode()

    assert found(exact_word)
    # With English stemming for every language, "commercial" missed "commerciaux" and
    # "comercial" missed "comerciales"; with no stemming (SQLite before), all were missed.
    assert [word for word in other_forms if not found(word)] == []
