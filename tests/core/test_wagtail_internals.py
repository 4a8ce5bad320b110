"""What ``core/wagtail_internals.py`` relies on still exists, in the Wagtail it was read for.

A Wagtail upgrade fails here first: read the Wagtail code behind each name again, adapt
``wagtail_internals``, then widen ``CHECKED_WAGTAIL``.
"""

import importlib
import inspect

import pytest
import wagtail
from django.db import connection
from django.http import HttpRequest
from wagtail.contrib.forms import forms as wagtail_forms
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site
from wagtail.models import sites as wagtail_sites

from msme_platform.core import wagtail_internals


def source(function):
    return inspect.getsource(function)


def test_the_installed_wagtail_is_one_whose_internals_were_read():
    low, high = wagtail_internals.CHECKED_WAGTAIL
    assert low <= tuple(wagtail.VERSION[:2]) < high, wagtail.__version__


def test_wagtail_reads_the_request_attributes_that_are_set_for_it():
    assert wagtail_internals.REQUEST_SITE in source(Site.find_for_request)
    assert wagtail_internals.REQUEST_SITE_ROOT_PATHS in source(Page._get_site_root_paths)
    assert wagtail_internals.REQUEST_ROUTE in source(Page.route_for_request)


@pytest.mark.django_db
def test_a_page_uses_the_parent_it_is_told():
    """``get_parent()`` (treebeard, under Wagtail's ``Page``) answers from the attribute."""
    assert wagtail_internals.CACHED_PARENT in source(Page.get_parent)
    parent, child = Page(path="0001", depth=1), Page(path="00010001", depth=2)
    wagtail_internals.set_parent(child, parent)
    assert child.get_parent() is parent
    assert wagtail_internals.known_parent(child) is parent


def test_site_settings_use_the_request_they_carry():
    assert wagtail_internals.SETTING_REQUEST in source(BaseSiteSetting.for_request)
    assert wagtail_internals.SETTING_REQUEST in source(BaseSiteSetting.__getstate__)


def test_the_private_functions_have_the_expected_signatures():
    assert list(inspect.signature(wagtail_sites.get_site_for_hostname).parameters) == [
        "hostname",
        "port",
    ]
    assert list(inspect.signature(wagtail_forms._split_by_newline_or_comma).parameters) == ["value"]
    assert wagtail_internals.split_choices("a, b") == ["a", "b"]
    assert wagtail_internals.split_choices("a, b\nc") == ["a, b", "c"]
    assert list(inspect.signature(HttpRequest._get_raw_host).parameters) == ["self"]
    # Only the database in use can load its search backend (each defines its own models).
    module = {"sqlite": "sqlite.sqlite", "postgresql": "postgres.postgres"}[connection.vendor]
    backend = importlib.import_module(f"modelsearch.backends.database.{module}")
    indexes = [
        cls
        for cls in vars(backend).values()
        if inspect.isclass(cls) and "_refresh_title_norms" in vars(cls)
    ]
    assert indexes, backend.__name__
    for index in indexes:
        assert "full" in inspect.signature(index._refresh_title_norms).parameters


@pytest.mark.django_db
def test_search_ranking_weighs_the_columns_it_expects():
    """On SQLite the ranking passes bm25() one weight per FTS5 column, in the table's order;
    on PostgreSQL the compiler is Wagtail's own (nothing to check)."""
    from msme_platform.core.search_backend import TITLE_WEIGHT, SearchBackend

    backend = SearchBackend({})
    if connection.vendor != "sqlite":
        assert backend.query_compiler_class.__name__ != "WeightedCompiler"
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA table_info(wagtailsearch_indexentry_fts)")
        columns = tuple(row[1] for row in cursor.fetchall())
    assert columns == wagtail_internals.SQLITE_FTS_COLUMNS
    compiler = backend.query_compiler_class
    assert compiler.__name__ == "WeightedCompiler"
    assert compiler.get_search_vectors(None) == [(None, 1.0)]
    expected = f"bm25(wagtailsearch_indexentry_fts, 1.0, 1.0, {TITLE_WEIGHT})"
    results = backend.search("trade", Page.objects.all())
    sql = str(results.query_compiler.search(None, 0, 1).query)
    assert expected in sql
