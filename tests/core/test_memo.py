"""The process memo: pages cost a few queries, and an editor's change shows on the next request."""

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Locale, PageViewRestriction

from msme_platform.core.caching import generation, memo
from msme_platform.core.models import SiteSettings, StandardPage
from msme_section.models import MSMESectionPage
from tests.core.factories import StandardPageFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def english(model, **lookup):
    return model.objects.get(locale=Locale.get_default(), **lookup)


def test_a_page_served_again_costs_a_fraction_of_its_first_time(client):
    path = "/en/policymakers/trade-agreements/cptpp/"
    cold = count_queries(lambda: client.get(path))
    warm = count_queries(lambda: client.get(path))
    print(f"\n{path}: {cold} queries cold, {warm} warm")
    assert warm <= cold - 5


def test_a_new_section_shows_in_the_menu_on_the_next_request(client):
    assert "Market access" not in client.get("/en/about/").content.decode()
    home = english(StandardPage, slug="about").get_parent()
    section = StandardPageFactory(parent=home, title="Market access", slug="market-access")
    section.show_in_menus = True
    section.save_revision().publish()
    header = client.get("/en/about/").content.decode().split("</header>")[0]
    assert 'href="/en/market-access/"' in header


def test_a_renamed_section_shows_in_breadcrumb_and_menu_on_the_next_request(client):
    path = "/en/msmes/studies/"
    client.get(path)
    section = english(MSMESectionPage)
    section.title = "For small businesses"
    section.save_revision().publish()
    html = client.get(path).content.decode()
    assert html.count("For small businesses") >= 2  # the menu and the breadcrumb


def test_a_changed_contact_address_shows_on_the_next_request(client, settings):
    client.get("/en/about/")
    site_settings = SiteSettings.objects.get()
    site_settings.contact_email = "msme-desk@example.org"
    site_settings.save()
    assert "msme-desk@example.org" in client.get("/en/about/").content.decode()


def test_a_page_made_private_is_private_on_the_next_request(client):
    assert 'name="password"' not in client.get("/en/privacy/").content.decode()
    PageViewRestriction.objects.create(
        page=english(StandardPage, slug="privacy"),
        restriction_type=PageViewRestriction.PASSWORD,
        password="s3cret-words",
    )
    assert 'name="password"' in client.get("/en/privacy/").content.decode()


def test_a_new_translation_shows_in_the_language_switcher_on_the_next_request(client):
    about = english(StandardPage, slug="about")
    guide = StandardPageFactory(parent=about, title="Export guide", slug="export-guide")
    switcher = client.get(guide.url).content.decode().split('class="language-switcher"')[1]
    assert "guide-exportation" not in switcher
    french = guide.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title = "Guide de l'exportation"
    french.slug = "guide-exportation"
    french.save_revision().publish()
    french.refresh_from_db()
    assert french.url == "/fr/about/guide-exportation/"
    switcher = client.get(guide.url).content.decode().split('class="language-switcher"')[1]
    assert f'href="{french.url}"' in switcher


def test_the_generation_moves_on_again_when_the_change_commits(
    django_capture_on_commit_callbacks,
):
    """A request that read the database before the commit must not keep what it saw."""
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        generation.changed()
        during = generation.current()
        generation.changed()  # many saves in one transaction: one more change at commit
    after = generation.current()
    assert len(callbacks) == 1
    assert len({before, during, after}) == 3


def test_without_a_readable_generation_nothing_is_kept(monkeypatch):
    calls = []
    monkeypatch.setattr(generation, "_read_generation", lambda: None)
    for _ in range(2):
        memo.remember(("test",), lambda: calls.append(1))
    assert len(calls) == 2


@override_settings(CONTENT_MEMO=False)
def test_with_the_memo_off_every_request_asks_the_database(client):
    """Without a shared cache (several processes, no Redis) nothing may be kept."""
    client.get("/en/about/")
    first = count_queries(lambda: client.get("/en/about/"))
    second = count_queries(lambda: client.get("/en/about/"))
    assert first == second >= 6


def test_a_cleared_cache_starts_a_new_generation():
    before = generation.current()
    cache.clear()
    assert generation.current() != before


def test_a_preview_shows_the_drafts_own_provisions_not_the_memos(client):
    from policymaker_section.models import AgreementPage, Provision

    agreement = english(AgreementPage, slug="cptpp")
    public_html = client.get(agreement.url).content.decode()  # the memo keeps its rows
    draft = agreement.get_latest_revision_as_object()
    first = agreement.provisions.first()
    draft.provisions.add(
        Provision(category=first.category, article="Article 99", summary="Only in the draft")
    )
    preview = draft.make_preview_request().content.decode()
    assert "Only in the draft" in preview
    assert "Only in the draft" not in public_html
    assert "Only in the draft" not in client.get(agreement.url).content.decode()


def test_a_search_finds_a_page_published_after_the_same_search(
    client, django_capture_on_commit_callbacks
):
    before = client.get("/en/search/", {"q": "zanzibar"}).content.decode()
    assert 'href="/en/about/zanzibar/"' not in before
    about = english(StandardPage, slug="about")
    with django_capture_on_commit_callbacks(execute=True):  # the search index is written then
        StandardPageFactory(parent=about, title="Zanzibar export guide", slug="zanzibar")
    after = client.get("/en/search/", {"q": "zanzibar"}).content.decode()
    assert "<mark>Zanzibar</mark> export guide" in after
    assert 'href="/en/about/zanzibar/"' in after


def test_an_edited_agreement_shows_in_the_list_and_on_its_page_on_the_next_request(client):
    """The list's cards and the page's provisions are kept as HTML between edits."""
    from policymaker_section.models import AgreementPage

    # The CPTPP's card, among 133 agreements: the list filtered by its party Brunei.
    listing = "/en/policymakers/trade-agreements/?party=BRN"
    agreement = english(AgreementPage, slug="cptpp")
    assert ">CPTPP</a>" in client.get(listing).content.decode()
    client.get(agreement.url)
    draft = agreement.get_latest_revision_as_object()
    draft.short_name = "CPTPP (edited)"
    provisions = list(draft.provisions.all())
    provisions[0].summary = "A summary the editor has just rewritten."
    draft.provisions = provisions
    draft.save_revision().publish()
    assert ">CPTPP (edited)</a>" in client.get(listing).content.decode()
    page = client.get(agreement.url).content.decode()
    assert "A summary the editor has just rewritten." in page


def test_a_value_kept_until_a_moment_is_computed_again_once_it_comes():
    start = datetime.datetime(2030, 5, 14, 12, tzinfo=datetime.UTC)
    calls = []

    def compute():
        calls.append(start)
        return f"computed {len(calls)} times", start

    def ask(now):
        return memo.remember_until(("until-test",), compute, now)[0]

    assert ask(start - datetime.timedelta(hours=1)) == "computed 1 times"
    assert ask(start - datetime.timedelta(seconds=1)) == "computed 1 times"
    assert ask(start) == "computed 2 times"
    generation.changed()
    assert ask(start - datetime.timedelta(hours=1)) == "computed 3 times"


def test_a_remembered_fragment_is_rendered_once_per_content_change_and_value(rf):
    from django.template import Context, Template

    fragment = Template(
        '{% load core_tags %}{% remember "test" part %}{{ part }}:{{ n }}{% endremember %}'
    )

    def render(part, n, preview=False):
        request = rf.get("/en/")
        request.is_preview = preview
        return fragment.render(Context({"request": request, "part": part, "n": n}))

    assert render("a", 1) == "a:1"
    assert render("a", 2) == "a:1"  # kept
    assert render("b", 3) == "b:3"  # another vary_on value
    assert render("a", 4, preview=True) == "a:4"  # a preview shows its own
    generation.changed()
    assert render("a", 5) == "a:5"
