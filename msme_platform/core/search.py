"""Site search: one place that turns a visitor's words into a lazy, paginated result set."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page
from wagtail.search.query import Or, PlainText

from .caching import memo
from .search_text import query_variants, stems_needed
from .visibility import public

# Longer input is cut, and the visitor told so: no one types 200 characters of keywords,
# and a bounded query keeps the full-text engine's work bounded too.
MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w{2,}", re.UNICODE)
# Only words reach the full-text engine: quotes, operators and brackets mean something to
# SQLite FTS5 and PostgreSQL tsquery, and a visitor's stray quote must not break the page.
_SEARCH_WORD = re.compile(r"\w+", re.UNICODE)


def search_pages(query, locale):
    """Live, public pages in ``locale`` matching ``query``, best first.

    Every word must match, as the visitor wrote it, by its stem in the locale's language
    ("exporting" finds "exports"), with its compounds joined ("e-commerce", "ecommerce")
    or with a synonym the editors listed ("e-commerce" finds "digital trade"): see
    ``core/search_text.py``. The result is lazy: the paginator fetches one page of hits and
    counts the rest in the database, so a common word over many pages stays cheap.
    """
    variants = query_variants(
        " ".join(_SEARCH_WORD.findall(query)),
        locale.language_code,
        synonym_groups(locale),
        stem=stems_needed(),
    )
    if not variants:
        return Page.objects.none()
    pages = (
        public(Page.objects.live())
        .filter(locale_id=locale.pk)
        .exclude(depth__lte=1)
        .select_related("locale")
    )
    # Imported here: the backend module needs the search app's models, and this module is
    # imported while models load.
    from .search_backend import backend_for_language

    alternatives = [PlainText(" ".join(words), operator="and") for words in variants]
    search_query = alternatives[0] if len(alternatives) == 1 else Or(alternatives)
    return backend_for_language(locale.language_code).search(search_query, pages)


def synonym_groups(locale):
    """The editors' synonym groups in ``locale``: tuples of terms, for this generation."""

    def compute():
        from .models import SearchSynonym  # models import this module

        return tuple(
            tuple(group.term_list()) for group in SearchSynonym.objects.filter(locale=locale)
        )

    return memo.remember(("search-synonyms", locale.pk), compute)


def query_terms(query):
    """The words of a query worth highlighting (two letters or more), longest first."""
    return sorted({word.lower() for word in _WORD.findall(query)}, key=len, reverse=True)


def highlight(text, query):
    """``text`` escaped, with the query's words wrapped in ``<mark>``."""
    text = text or ""
    terms = query_terms(query)
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))
