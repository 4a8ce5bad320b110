"""What the search engine is given: words stemmed in their language, compounds, synonyms.

Both database backends get the same help, so SQLite (the newcomer's default) finds what
PostgreSQL finds:

- **Stems.** On SQLite, whose FTS5 does not stem, each page is indexed with the Snowball
  stems of its words in the page's own language (``page_search_terms``), and a query is
  also tried with its words' stems (``query_variants``): "exporting" finds "exports",
  "financiamiento" finds "financiación". PostgreSQL stems with the same Snowball algorithms
  in each page's language itself (``core/search_backend.py``); stems added twice there
  only counted words twice and upset the ranking.
- **Compounds.** "e-commerce", "ecommerce" and "e commerce" are one word to a reader. A page
  is indexed with its hyphenated words joined ("ecommerce"), and a query is tried with its
  hyphens joined and with a lone letter joined to the next word.
- **Synonyms.** Editors keep small groups of interchangeable terms per language in the admin
  (``SearchSynonym``); a query naming one term of a group is also tried with each other term.

A query becomes a few alternatives, each a list of words that must all match; the backend
ORs them (``msme_platform.core.search``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

import snowballstemmer
from django.db import connection
from wagtail.search import index

# Wagtail language codes (the site's LANGUAGES) to Snowball's algorithm names.
SNOWBALL_LANGUAGES = {"en": "english", "fr": "french", "es": "spanish"}
# Bounds on what one query may turn into: each alternative is one more FTS/tsquery clause.
MAX_ALTERNATIVES = 12
MAX_WORDS = 16

_WORD = re.compile(r"\w+", re.UNICODE)
_COMPOUND = re.compile(r"\w+(?:[-‐‑]\w+)+", re.UNICODE)


@lru_cache(maxsize=8)
def _stemmer(language_code):
    algorithm = SNOWBALL_LANGUAGES.get((language_code or "").split("-")[0])
    return snowballstemmer.stemmer(algorithm) if algorithm else None


def stems_needed():
    """Whether the search backend needs the stems given to it: not PostgreSQL's, which stems
    each language itself."""
    return connection.vendor != "postgresql"


def words(text):
    """The words of ``text``, lower-cased, in order."""
    return [word.lower() for word in _WORD.findall(text or "")]


def stems(word_list, language_code):
    """Each word's Snowball stem in the language (the words themselves if it has none)."""
    stemmer = _stemmer(language_code)
    if stemmer is None:
        return list(word_list)
    return stemmer.stemWords(list(word_list))


def joined_compounds(text):
    """Hyphenated words of ``text`` written as one ("e-commerce" gives "ecommerce")."""
    return [re.sub(r"[-‐‑]", "", match).lower() for match in _COMPOUND.findall(text or "")]


def page_search_terms(texts, language_code, stem=True):
    """The extra text indexed with a page: the stems of its words (unless the backend stems
    them itself, ``stem=False``) and its joined compounds, each once (order kept, so the
    index entry reads the same every time)."""
    text = " ".join(t for t in texts if t)
    compounds = joined_compounds(text)
    terms = compounds
    if stem:
        terms = stems(words(text), language_code) + compounds + stems(compounds, language_code)
    return " ".join(dict.fromkeys(terms))


def _normal(term):
    """A term as it is compared with synonyms: lower case, hyphens and spaces alike."""
    return " ".join(words(term))


def _with_joined_compounds(query):
    """The query with hyphenated words joined and a lone letter joined to the next word
    ("e-commerce" and "e commerce" both give "ecommerce"), or None when that changes nothing."""
    joined = re.sub(r"(?<=\w)[-‐‑](?=\w)", "", query)
    joined = re.sub(r"\b(\w)\s+(?=\w{2,})", r"\1", joined)
    return joined if words(joined) != words(query) else None


def _synonym_rewrites(phrasings, synonym_groups):
    """Each phrasing with a term of a synonym group replaced by each other term of it. A
    term is found however its compound is written ("e-commerce" in "ecommerce rules")."""
    for phrasing in phrasings:
        normal = f" {_normal(phrasing)} "
        for group in synonym_groups:
            terms = [_normal(term) for term in group]
            for term in terms:
                forms = {term, _normal(_with_joined_compounds(term) or term)} - {""}
                found = next((form for form in forms if f" {form} " in normal), None)
                if found is None:
                    continue
                for other in terms:
                    if other and other != term:
                        yield normal.replace(f" {found} ", f" {other} ").strip()


def query_variants(query, language_code, synonym_groups=(), stem=True):
    """The alternatives a query is tried as: lists of words that must all match, the
    visitor's own words first, at most ``MAX_ALTERNATIVES`` of them. ``stem=False`` for a
    backend that stems words itself (PostgreSQL)."""
    phrasings = [query]
    joined = _with_joined_compounds(query)
    if joined:
        phrasings.append(joined)
    phrasings.extend(list(_synonym_rewrites(phrasings, synonym_groups)))

    alternatives = {}
    for phrasing in phrasings:
        phrasing_words = words(phrasing)[:MAX_WORDS]
        if not phrasing_words:
            continue
        alternatives.setdefault(tuple(phrasing_words), None)
        if stem:
            alternatives.setdefault(tuple(stems(phrasing_words, language_code)), None)
    return [list(words) for words in islice(alternatives, MAX_ALTERNATIVES)]


def indexed_texts(obj, fields=None, skip=("search_terms",)):
    """The text of every search field of ``obj`` (following related fields), as the search
    backends read it, except the fields named in ``skip``."""
    for field in obj.get_search_fields() if fields is None else fields:
        if isinstance(field, index.SearchField) and field.field_name not in skip:
            yield from _flatten(field.get_value(obj))
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if hasattr(related, "all"):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for item in related:
                yield from indexed_texts(item, field.fields, skip)


def _flatten(value):
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _flatten(item)
    else:
        yield str(value)


class TitleAndSummaryField(index.SearchField):
    """Wagtail's ``title`` search field, holding the summary too: the backends weigh the
    title above the body (a boost on PostgreSQL, a column weight on SQLite), and a summary
    says what a page is about as surely as its title."""

    def __init__(self, summary_field, **kwargs):
        super().__init__("title", **kwargs)
        self.summary_field = summary_field

    def get_value(self, obj):
        title = super().get_value(obj) or ""
        summary = getattr(obj, self.summary_field, "") or ""
        return f"{title} {summary}".strip()
