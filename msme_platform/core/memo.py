"""One content generation for the whole site, and each process's memory of derived content.

Every page request needs the same few facts that change only when an editor changes
something: which site answers this host, the menus, the site settings, whether any page
is restricted, a page's translations. Asked of the database each time they cost more
than the page itself. So:

- **The generation** is a token in the shared cache (Redis in production), read once per
  request. Any saved or deleted record that a visitor could see replaces it (see
  ``page_cache.on_model_change``), at once and again when the transaction commits, so a
  request that read the database mid-transaction cannot keep what it saw.
- **The memo** is a dict in each process, emptied whenever the generation it was filled
  under is no longer the current one. Reading it costs nothing; the first request after
  a change fills it again.

A process cannot tell the others about a change through its own memory, so the memo is
on only when the generation lives somewhere every process reads (``CONTENT_MEMO``: on
with ``REDIS_URL`` and in single-process development and tests). Without the cache (Redis
away) there is no generation and every value is computed afresh.

Values kept here are shared by every request a process serves: keep plain data (strings,
tuples, dicts, rendered HTML), never a model instance a view could change. What also
changes with the clock (an event going live, the next events) goes through
``remember_until``, which keeps it only until that moment. Templates keep fragments with
``{% remember %}`` (``core_tags``).
"""

import logging
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "content:generation"
MAX_ENTRIES = 5000
logger = logging.getLogger(__name__)

_local = threading.local()
_store: dict = {}
_store_generation = None
_lock = threading.Lock()


def enabled():
    return getattr(settings, "CONTENT_MEMO", False)


def _read_generation():
    try:
        token = cache.get(GENERATION_KEY)
        if token is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            token = cache.get(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - no cache, no memo; the page is still served
        logger.warning("Content generation unreadable; serving without the memo", exc_info=True)
        return None
    return token


def generation():
    """The current generation, read at most once per request (see the middleware)."""
    token = getattr(_local, "generation", None)
    if token is None:
        token = _read_generation()
        if getattr(_local, "in_request", False):
            _local.generation = token
    return token


def begin():
    """A request starts on this thread: the generation is read when first needed."""
    _local.in_request = True
    _local.generation = None


def end():
    _local.in_request = False
    _local.generation = None


def _replace_generation():
    token = uuid.uuid4().hex
    try:
        cache.set(GENERATION_KEY, token, None)
    except Exception:  # noqa: BLE001 - the change itself must still succeed
        logger.exception("Could not move the content generation on after a change")
        return
    if getattr(_local, "generation", None) is not None:
        _local.generation = token


def changed():
    """Content changed: retire everything derived from it, now and once committed."""
    _replace_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        already = any(
            callback is _replace_generation for _, callback, _ in connection.run_on_commit
        )
        if not already:
            transaction.on_commit(_replace_generation)


_MISSING = object()


def _get(token, key):
    global _store_generation
    with _lock:
        if token != _store_generation:
            _store.clear()
            _store_generation = token
        return _store.get(key, _MISSING)


def _put(token, key, value):
    with _lock:
        if token == _store_generation:
            if len(_store) >= MAX_ENTRIES:
                _store.clear()
            _store[key] = value


def remember(key, compute):
    """``compute()``, kept in this process until the content generation moves on."""
    if not enabled():
        return compute()
    token = generation()
    if token is None:
        return compute()
    value = _get(token, key)
    if value is _MISSING:
        value = compute()
        _put(token, key, value)
    return value


def remember_until(key, compute, now):
    """For what changes with time as well as content (the events that are next, whether
    one is live): ``compute()`` returns ``(value, until)``, and the value is kept until the
    content changes or the moment ``until`` comes (``None``: only the content).
    Returns ``(value, until)``."""
    if not enabled() or (token := generation()) is None:
        return compute()
    found = _get(token, key)
    if found is _MISSING or (found[1] is not None and now >= found[1]):
        found = compute()
        _put(token, key, found)
    return found


def paginate(request, key, results, per_page, row):
    """Django's page ``page`` of ``results``, its total and its items (``row(item, request)``,
    plain values) remembered under ``key`` (which must say what ``results`` holds)."""
    from django.core.paginator import Paginator
    from django.utils import translation

    total = remember(("list-count", *key), results.count)
    page = Paginator(range(total), per_page).get_page(request.GET.get("page"))
    if total:
        page.object_list = remember(
            ("list-rows", *key, page.number, translation.get_language(), request.get_host()),
            lambda: [
                row(item, request) for item in results[page.start_index() - 1 : page.end_index()]
            ],
        )
    return page


def forget():
    """Drop this process's memo (tests, after the database was put back by other means)."""
    global _store_generation
    with _lock:
        _store.clear()
        _store_generation = None


class ContentGenerationMiddleware:
    """Read the generation at most once per request, and only if something needs it (a
    view that uses neither the memo nor the page cache costs no cache round trip)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        begin()
        try:
            return self.get_response(request)
        finally:
            end()
