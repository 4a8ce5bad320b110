"""The two-query router finds exactly the page (and sub-route) Wagtail's own walk finds."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Page, Site

from msme_platform.core.caching import routing
from msme_platform.core.models import StandardPage
from tests.core.factories import StandardPageFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

# Sub-routes of routable pages and custom routes, beside every page's own URL.
SUB_ROUTES = [
    "policymakers/trade-agreements/provisions/",
    "policymakers/trade-agreements/compare/",
    "policymakers/trade-agreements/cptpp/data.json",
    "msmes/events/past/",
    "msmes/have-your-say/what-msmes-need-from-this-platform/results/",
    "countries/jpn/",
    "no-such-page/",
    "msmes/no-such-page/",
    "policymakers/trade-agreements/cptpp/no-such-thing/",
    "about/privacy/",
]


def wagtail_route(language, path):
    """Wagtail's own answer, walking the tree level by level."""
    request = RequestFactory().get(f"/{language}/{path}")
    with translation.override(language):
        site = Site.find_for_request(request)
        try:
            return site.root_page.localized.specific.route(
                request, [part for part in path.split("/") if part]
            )
        except Http404:
            return None


def fast_route(language, path):
    request = RequestFactory().get(f"/{language}/{path}")
    with translation.override(language):
        return routing.route(request, path)


def same(result_a, result_b):
    if result_a is None or result_b is None:
        return result_a is result_b
    page_a, args_a, kwargs_a = result_a
    page_b, args_b, kwargs_b = result_b
    view_a = args_a[0].__func__ if args_a else None
    view_b = args_b[0].__func__ if args_b else None
    return (
        page_a.pk == page_b.pk
        and type(page_a) is type(page_b)
        and view_a == view_b
        and args_a[1:] == args_b[1:]
        and kwargs_a == kwargs_b
    )


def test_every_page_and_sub_route_in_every_language_routes_as_wagtail_routes_it():
    checked = 0
    for language in ("en", "fr", "es"):
        locale = Locale.objects.get(language_code=language)
        home = Page.objects.get(depth=2, locale=locale)
        paths = [
            page.url_path[len(home.url_path) :]
            for page in Page.objects.descendant_of(home, inclusive=True)
        ]
        for path in [*paths, *SUB_ROUTES]:
            expected = wagtail_route(language, path)
            # First from the database, then from the process memo.
            assert same(fast_route(language, path), expected), f"/{language}/{path}"
            assert same(fast_route(language, path), expected), f"/{language}/{path} (memo)"
            checked += 1
    assert checked > 800


def test_a_draft_page_is_not_found_and_its_published_child_still_is():
    about = StandardPage.objects.get(slug="about", locale=Locale.get_default())
    draft = StandardPageFactory(parent=about, title="Draft notes", slug="draft-notes")
    child = StandardPageFactory(parent=draft, title="Published child", slug="child")
    draft.unpublish()
    assert fast_route("en", "about/draft-notes/") is None
    assert wagtail_route("en", "about/draft-notes/") is None
    assert fast_route("en", "about/draft-notes/child/").page.pk == child.pk
    assert wagtail_route("en", "about/draft-notes/child/").page.pk == child.pk


def test_a_page_four_levels_down_is_found_in_two_queries_then_one(client):
    path = "policymakers/trade-agreements/cptpp/"
    client.get("/en/")  # the memo learns the site and the home page
    assert count_queries(lambda: fast_route("en", path)) == 2
    assert count_queries(lambda: fast_route("en", path)) == 1  # the page itself


def test_a_moved_page_is_found_at_its_new_address_on_the_next_request(client):
    """The memo's routes are retired with the move."""
    about = StandardPage.objects.get(slug="about", locale=Locale.get_default())
    guide = StandardPageFactory(parent=about, title="Guide", slug="guide")
    assert client.get("/en/about/guide/").status_code == 200
    guide.move(about.get_parent(), pos="last-child")
    old_address = client.get("/en/about/guide/")  # Wagtail leaves a redirect behind
    assert (old_address.status_code, old_address["Location"]) == (301, "/en/guide/")
    assert client.get("/en/guide/").status_code == 200


def test_the_breadcrumb_comes_from_the_pages_routing_passed(client):
    html = client.get("/en/policymakers/trade-agreements/cptpp/").content.decode()
    crumbs = html.split('class="breadcrumbs')[1].split("</nav>")[0]
    for text in (
        "Home",
        "For policymakers",
        "MSME provisions in regional trade agreements",
        'aria-current="page"',
    ):
        assert text in crumbs
