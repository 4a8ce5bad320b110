"""The site's search backend: Wagtail's database backend, with each language stemmed as itself.

On PostgreSQL, Wagtail's backend turns text into a ``tsvector`` with one text search
configuration (``SEARCH_CONFIG``) for every object, so French and Spanish words were stemmed
as English ones: "accord" did not find "accords". Here each object is indexed with its
locale's configuration (``LANGUAGE_CONFIGS``), and a search in one language is parsed with
that language's configuration (see ``backend_for_language``), so index and query agree.

Why not one backend per language in ``WAGTAILSEARCH_BACKENDS``: every configured backend
indexes every object, and the PostgreSQL backends share one table keyed by content type and
object id, so the last one to write would win. One backend, choosing per object, avoids that.

On SQLite, FTS5 tokenises words without stemming in any language: pages carry their own
Snowball stems instead (``core/search_text.py``), the same on both databases. Wagtail's
SQLite ranking scores a title match like a body match (its ``bm25()`` has no column
weights); here a match in the title column, which holds the title and the summary
(``search_text.TitleAndSummaryField``), weighs ``TITLE_WEIGHT`` times a body match.
"""

from collections import defaultdict

from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from wagtail.models import Locale

from . import wagtail_internals

# bm25() weights of the SQLite FTS5 columns a page's text is indexed in.
TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0


class LanguageAwarePostgresIndex(PostgresIndex):
    """Writes each object's index entry with the configuration of the object's language."""

    def add_items(self, model, objs):
        objs = list(objs)
        locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
        languages = dict(
            Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code")
        )
        groups = defaultdict(list)
        for obj in objs:
            groups[languages.get(getattr(obj, "locale_id", None))].append(obj)
        for language_code, group in groups.items():
            # The indexer reads the text search configuration from the backend it is given.
            PostgresIndex(self.backend.for_language(language_code)).add_items(model, group)


class LanguageAwarePostgresSearchBackend(PostgresSearchBackend):
    index_class = LanguageAwarePostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.params = params
        self.language_configs = params.get("LANGUAGE_CONFIGS", {})
        self._by_config = {}

    def config_for(self, language_code):
        """The text search configuration for a language code such as ``fr`` or ``es-419``."""
        if not language_code:
            return self.config
        return self.language_configs.get(
            language_code,
            self.language_configs.get(language_code.split("-")[0], self.config),
        )

    def for_language(self, language_code):
        """A plain PostgreSQL backend that indexes and parses queries in this language."""
        config = self.config_for(language_code)
        if config not in self._by_config:
            self._by_config[config] = PostgresSearchBackend(
                {**self.params, "SEARCH_CONFIG": config}
            )
        return self._by_config[config]


def SearchBackend(params):  # noqa: N802 (Wagtail looks a backend module's ``SearchBackend`` up)
    if connection.vendor == "postgresql":
        return LanguageAwarePostgresSearchBackend(params)
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":
        # The FTS5 backend when SQLite has FTS5 (Wagtail decides), with weighted columns.
        weighted = wagtail_internals.weighted_sqlite_compiler(
            type(backend).query_compiler_class, {"title": TITLE_WEIGHT, "body": BODY_WEIGHT}
        )
        if weighted is not None:
            backend.query_compiler_class = weighted
    return backend


def backend_for_language(language_code, backend="default"):
    """The search backend to query text written in ``language_code``."""
    search_backend = get_search_backend(backend)
    if isinstance(search_backend, LanguageAwarePostgresSearchBackend):
        return search_backend.for_language(language_code)
    return search_backend
