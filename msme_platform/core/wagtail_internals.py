"""Every use of a private part of Wagtail (and of its search package, ``modelsearch``).

Each saves queries or work that Wagtail's public API would repeat, and each could change
in any Wagtail release: ``tests/core/test_wagtail_internals.py`` checks that the names
exist with the signatures relied on here, and that the installed Wagtail is one this
module was checked against (``CHECKED_WAGTAIL``). After an upgrade, read the code behind
each name again, then widen the range.

Nothing else in the project touches an underscore name of wagtail or wagtail_localize.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.contrib.forms import forms as wagtail_forms
from wagtail.models import Page, Site
from wagtail.models import sites as wagtail_sites

# The Wagtail versions (inclusive lower, exclusive upper) whose internals were read.
CHECKED_WAGTAIL = ((8, 0), (8, 1))

# Attributes Wagtail reads on a request before doing the work itself.
REQUEST_SITE = "_wagtail_site"  # Site.find_for_request
REQUEST_SITE_ROOT_PATHS = "_wagtail_cached_site_root_paths"  # Page._get_site_root_paths
REQUEST_ROUTE = "_wagtail_route_for_request"  # Page.route_for_request (the serve view)
# Treebeard's and Wagtail's parent of a page, used by get_parent() and URL building.
CACHED_PARENT = "_cached_parent_obj"
# The request a site setting was found for, used by its page URL properties.
SETTING_REQUEST = "_request"


def request_host(request: HttpRequest) -> str:
    """The request's host name as Wagtail's ``Site.find_for_request`` reads it: the raw
    ``Host`` header (Django's private ``_get_raw_host``), not validated against
    ``ALLOWED_HOSTS`` a second time."""
    raw_host: str = request._get_raw_host()  # type: ignore[attr-defined]  # not in the stubs
    return split_domain_port(raw_host)[0]


def site_for_hostname(hostname: str, port: str | int | None) -> Site:
    """Wagtail's own site matching (``wagtail.models.sites.get_site_for_hostname``, not
    part of its documented API). Raises ``Site.DoesNotExist``."""
    return wagtail_sites.get_site_for_hostname(hostname, port)


def request_site(request: HttpRequest, find: Callable[[HttpRequest], Site | None]) -> Site | None:
    """The site Wagtail will use for ``request``: set from ``find(request)`` the first time."""
    if not hasattr(request, REQUEST_SITE):
        setattr(request, REQUEST_SITE, find(request))
    site: Site | None = getattr(request, REQUEST_SITE)
    return site


def set_site_root_paths(request: HttpRequest, compute: Callable[[], object]) -> None:
    """Give Wagtail the site root paths for ``request`` (from ``compute()``) unless it has them."""
    if not hasattr(request, REQUEST_SITE_ROOT_PATHS):
        setattr(request, REQUEST_SITE_ROOT_PATHS, compute())


def set_route(request: HttpRequest, compute: Callable[[], object]) -> None:
    """Give Wagtail's serve view the route for ``request`` (``compute()``) unless it has one."""
    if not hasattr(request, REQUEST_ROUTE):
        setattr(request, REQUEST_ROUTE, compute())


def set_parent(page: Page, parent: Page) -> None:
    """Tell ``page`` its parent, so ``get_parent()`` and its URL cost no query."""
    setattr(page, CACHED_PARENT, parent)


def known_parent(page: Page) -> Page | None:
    """The parent set by ``set_parent`` (or by Wagtail's routing), else None."""
    parent: Page | None = getattr(page, CACHED_PARENT, None)
    return parent


def attach_request(setting: Model, request: HttpRequest) -> None:
    """As ``BaseSiteSetting.for_request`` does: the setting's page links use ``request``."""
    setattr(setting, SETTING_REQUEST, request)


def split_choices(text: str) -> list[str]:
    """The form builder's reading of a field's choices: one per line, else comma-separated."""
    choices: list[str] = wagtail_forms._split_by_newline_or_comma(text)
    return choices


def refresh_title_norms(index: object) -> bool:
    """Rebalance the database search backend's title weights (``modelsearch``'s
    ``_refresh_title_norms``); False when the backend has none to refresh."""
    refresh = getattr(index, "_refresh_title_norms", None)
    if refresh is None:
        return False
    refresh(full=True)
    return True


# The columns of modelsearch's SQLite FTS5 table, in the order bm25() takes their weights
# (its migration 0002 creates ``fts5(autocomplete, body, title)``).
SQLITE_FTS_COLUMNS = ("autocomplete", "body", "title")


def weighted_sqlite_compiler(
    compiler_class: type[Any], weights: Mapping[str, float]
) -> type[Any] | None:
    """A subclass of modelsearch's SQLite query compiler whose ranking gives each FTS5
    column its weight (``{"title": 4.0}``; others 1), or None when ``compiler_class`` is
    not that compiler (SQLite without FTS5). Imported only on SQLite: the module loads the
    FTS model, which exists only there."""
    # Imported here, on SQLite only: these modules load the FTS model, which exists only there.
    from modelsearch.backends.database.sqlite.query import BM25
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler
    from modelsearch.query import Not, Phrase, PlainText

    if not issubclass(compiler_class, SQLiteSearchQueryCompiler):
        return None
    column_weights = ", ".join(str(float(weights.get(c, 1.0))) for c in SQLITE_FTS_COLUMNS)

    # modelsearch has no type information: its classes are Any to mypy.
    class WeightedBM25(BM25):  # type: ignore[misc]
        def as_sql(
            self,
            compiler: Any,
            connection: Any,
            function: str | None = None,
            template: str | None = None,
        ) -> tuple[str, Any]:
            sql, params = super().as_sql(compiler, connection)  # "bm25(<fts table>)"
            return f"{sql[:-1]}, {column_weights})", params

    class WeightedCompiler(compiler_class):  # type: ignore[misc]
        def get_search_vectors(self) -> list[tuple[None, float]]:
            # One bm25() for the whole entry: FTS5 already weighs each column by its length.
            # modelsearch adds it twice, once multiplied by ``title_norm`` (average title
            # length / this title's), which ranked every page with a short title ("EU -
            # Chile") above pages that match in their title.
            return [(None, 1.0)]

        def build_tsrank(
            self, vector: Any, query: Any, config: Any = None, boost: float = 1.0
        ) -> Any:
            if isinstance(query, (Phrase, PlainText, Not)):
                rank = WeightedBM25()
                return rank * boost if boost != 1.0 else rank
            return super().build_tsrank(vector, query, config=config, boost=boost)

    return WeightedCompiler
