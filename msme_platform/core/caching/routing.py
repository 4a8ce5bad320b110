"""Finding the page for a URL in one or two queries, however deep it is.

Wagtail walks the tree one level at a time: at each level a query for the child by slug
and another for its specific row, so a page four levels down costs eight queries before
it is served, plus one for the site and one for the locale. Here:

- the site for the host, the site root paths and each language's home page come from
  the process memo (``memo.py``), so they cost nothing until content changes;
- one query fetches every page the URL passes through (the pages of the home page's
  subtree whose ``url_path`` is a prefix of the URL's, looked up by slug, which is
  indexed), which also gives the breadcrumb its ancestors; the process memo keeps the
  answer, as plain rows, until content changes;
- one query fetches the page served, as its own type.

Page types that route for themselves keep doing so: a routable page whose own routes
match the rest of the URL (an agreement's JSON, the explorer) gets the request, and a
type with a ``route`` of its own that is not routable is handed the rest of the URL
unless it says ``route_walks_children = True`` (its ``route`` only finds a child page, as
Wagtail's does). Where the walk finds no child page, the deepest page found is asked, as
Wagtail would ask it, so a custom sub-route (a survey's ``results/``) still works and an
unknown slug is still a 404.
"""

from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from .. import wagtail_internals
from ..links import LINK_FIELDS
from . import memo

# What the walk needs of each page it passes (a breadcrumb link among them).
ROUTE_FIELDS = (*LINK_FIELDS, "content_type_id", "alias_of_id")
# The same, in the order of the model's columns, as ``Model.from_db`` wants them.
ROUTE_COLUMNS = tuple(
    field.attname for field in Page._meta.concrete_fields if field.attname in ROUTE_FIELDS
)
URL_PATH, PATH = ROUTE_COLUMNS.index("url_path"), ROUTE_COLUMNS.index("path")
SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")

# A page as the walk keeps it: its ROUTE_COLUMNS values, in order (plain, memo-safe).
RouteRow = tuple[Any, ...]


def _site_row(hostname: str, port: str) -> dict[str, Any] | None:
    try:
        site = wagtail_internals.site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    return {name: getattr(site, name) for name in SITE_FIELDS}


def find_site(request: HttpRequest) -> Site | None:
    """The request's site as Wagtail finds it, from the memo (a fresh instance each time)."""
    hostname = wagtail_internals.request_host(request)
    port = request.get_port()
    row = memo.remember(("site", hostname, port), lambda: _site_row(hostname, port))
    return Site(**row) if row else None


def _root_row(site_root_id: int, language: str) -> tuple[str, str] | None:
    """Wagtail's ``site.root_page.localized`` in one query: the live translation of the
    site's home page in ``language``, else the home page itself."""
    same_page = Page.objects.filter(pk=site_root_id).values("translation_key")
    candidates = Page.objects.filter(
        Q(pk=site_root_id)
        | Q(translation_key=Subquery(same_page), locale__language_code=language, live=True)
    ).values_list("pk", "path", "url_path")
    rows: dict[int, tuple[str, str]] = {pk: (path, url_path) for pk, path, url_path in candidates}
    if not rows:
        return None
    translated = [row for pk, row in rows.items() if pk != site_root_id]
    return translated[0] if translated else rows[site_root_id]


def localized_root(site: Site, language: str) -> tuple[str, str] | None:
    """``(path, url_path)`` of the site's home page in ``language`` (or in its own)."""
    return memo.remember(
        ("root", site.root_page_id, language), lambda: _root_row(site.root_page_id, language)
    )


def site_for_request(request: HttpRequest) -> Site | None:
    """``Site.find_for_request``, from the memo, and the site root paths with it.

    Wagtail keeps both on the request once found; setting them first saves a query and
    a cache round trip on every request.
    """
    site = wagtail_internals.request_site(request, find_site)
    if memo.enabled():
        wagtail_internals.set_site_root_paths(
            request, lambda: memo.remember(("site-root-paths",), Site.get_site_root_paths)
        )
    return site


def _handles_itself(page_class: type[Page], page: Page, remaining: Sequence[str]) -> bool:
    """Would ``page_class.route`` answer ``remaining`` itself rather than find a child?"""
    if page_class.route is Page.route:
        return False
    if isinstance(page_class, type) and issubclass(page_class, RoutablePageMixin):
        if not page.live:
            return False
        try:
            page_class.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Http404:
            return False
        return True
    walks_children: bool = getattr(page_class, "route_walks_children", False)
    return not walks_children


def _pages_on_the_way(
    root_path: str, root_url_path: str, components: Sequence[str], url_paths: Sequence[str]
) -> dict[str, RouteRow]:
    """``{url_path: row}`` of the pages a URL passes through, as plain rows (memo-safe).

    ``url_path`` has no index; ``slug`` has one (a slug is shared by a few pages at most:
    the same page in each language), and the rest is sorted out here.
    """
    wanted = set(url_paths)
    root_slug = root_url_path.rstrip("/").rsplit("/", 1)[-1]
    rows = Page.objects.filter(slug__in={root_slug, *components}).values_list(*ROUTE_COLUMNS)
    return {
        row[URL_PATH]: row
        for row in rows
        if row[URL_PATH] in wanted and row[PATH].startswith(root_path)
    }


def _page(row: RouteRow) -> Page:
    """A fresh ``Page`` (only the route fields loaded) for a row of ``_pages_on_the_way``."""
    return Page.from_db(DEFAULT_DB_ALIAS, ROUTE_COLUMNS, row)


def route(request: HttpRequest, path: str) -> RouteResult | None:
    """Wagtail's ``RouteResult`` for ``path`` (or None: not found): one query for the page
    served, and one more for the pages on its way the first time a URL is asked for after
    a change (they are kept in the process memo)."""
    site = site_for_request(request)
    if site is None:
        return None
    root = localized_root(site, translation.get_language())
    if root is None:
        return None
    root_path, root_url_path = root
    components = [component for component in path.split("/") if component]
    url_paths = [root_url_path]
    for component in components:
        url_paths.append(f"{url_paths[-1]}{component}/")
    found = memo.remember(
        ("route", root_path, tuple(components)),
        lambda: _pages_on_the_way(root_path, root_url_path, components, url_paths),
    )
    lineage: list[Page] = []
    if root_url_path not in found:
        return None
    page = _page(found[root_url_path])
    for depth in range(len(components)):
        remaining = components[depth:]
        page_class = page.specific_class
        if page_class is None:
            return None
        child_row = found.get(url_paths[depth + 1])
        if child_row is None or _handles_itself(page_class, page, remaining):
            break
        child = _page(child_row)
        wagtail_internals.set_parent(child, page)
        lineage.append(page)
        page = child
    else:
        remaining = []
    # The breadcrumb's ancestors, read back by core_tags.
    request._route_lineage = (page.pk, lineage)  # type: ignore[attr-defined]
    try:
        return page.specific.route(request, remaining)
    except Http404:
        return None


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's ``serve`` view, with the page found by ``route`` above."""
    wagtail_internals.set_route(request, lambda: route(request, path))
    response: HttpResponse = wagtail_serve(request, path)
    return response
