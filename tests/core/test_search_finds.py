"""Search finds what a visitor means, in each language, on SQLite and PostgreSQL.

Each row is a query a visitor types and records it must bring to the first five results:
by a stem ("exporting" for "Export"), however a compound is written ("e-commerce",
"ecommerce", "e commerce"), through the editors' synonyms ("e-commerce" for the Digital
Economy Partnership Agreement), and with matches in titles and summaries above the body.
"""

import html
import re

import pytest

from msme_platform.core.models import SearchSynonym

pytestmark = pytest.mark.django_db

DEPA = {
    "en": "Digital Economy Partnership Agreement",
    "fr": "Accord de partenariat sur l'économie numérique",
    "es": "Acuerdo de Asociación de Economía Digital",
}

FINDS = [
    ("en", "e-commerce", [DEPA["en"], "Selling online and going digital"]),
    ("en", "ecommerce", [DEPA["en"], "Selling online and going digital"]),
    ("en", "e commerce", [DEPA["en"], "Selling online and going digital"]),
    ("en", "digital trade", [DEPA["en"]]),
    ("en", "exporting", ["Enhancing Industrial SMEs for Export programme"]),
    ("en", "financing", ["BFPME SME financing"]),
    ("fr", "financement", ["Financement des exportations des PME par l'EXIMBANK"]),
    ("fr", "commerce électronique", [DEPA["fr"]]),
    ("fr", "e-commerce", [DEPA["fr"]]),
    ("fr", "exportateurs", ["Assurance prospection (assurance des dépenses de prospection"]),
    ("es", "financiamiento", ["Financiación de las exportaciones de pymes de EXIMBANK"]),
    ("es", "comercio electrónico", [DEPA["es"]]),
    ("es", "exportaciones", ["SME Export Marketing Fund (EMF)"]),
]


def top_titles(client, language, query, count=5):
    page = client.get(f"/{language}/search/", {"q": query}).content.decode()
    if 'class="card-list search-results"' not in page:
        return []
    results = page.split('class="card-list search-results"', 1)[1].split("</ol>", 1)[0]
    titles = re.findall(r'class="card__title"><a href="[^"]+">(.*?)</a>', results, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", title)).strip() for title in titles[:count]]


@pytest.mark.parametrize(("language", "query", "expected"), FINDS)
def test_search_brings_what_the_visitor_means_to_the_top_five(client, language, query, expected):
    titles = top_titles(client, language, query)
    for title in expected:
        assert any(found.startswith(title) for found in titles), (query, titles)


def test_a_title_match_ranks_above_pages_with_short_titles_that_match_in_the_body(client):
    # Agreements titled "EU - Israel" mention financing in their provisions only; the
    # programmes named for financing come first.
    titles = top_titles(client, "en", "financing", count=3)
    assert all("financ" in title.lower() or "fund" in title.lower() for title in titles), titles


def test_a_synonym_the_editors_add_is_used_by_the_next_search(client):
    assert top_titles(client, "en", "moneylending") == []
    group = SearchSynonym.objects.get(name="Finance and credit", locale__language_code="en")
    group.terms += "\nmoneylending"
    group.save()
    titles = top_titles(client, "en", "moneylending")
    assert titles, "the new synonym found nothing"
    assert any("credit" in title.lower() or "financ" in title.lower() for title in titles)


def test_the_starter_synonyms_exist_in_every_language():
    by_language = {}
    for group in SearchSynonym.objects.select_related("locale"):
        by_language.setdefault(group.locale.language_code, set()).add(group.translation_key)
    assert set(by_language) == {"en", "fr", "es"}
    assert by_language["en"] == by_language["fr"] == by_language["es"]
