"""Each process's memory of derived content, valid for one content generation.

Every page request needs the same few facts that change only when an editor changes
something: which site answers this host, the menus, the site settings, whether any page
is restricted, a page's translations. Asked of the database each time they cost more
than the page itself. So the memo is a dict in each process, emptied whenever the
generation it was filled under (``generation.py``) is no longer the current one. Reading
it costs nothing; the first request after a change fills it again.

A process cannot tell the others about a change through its own memory, so the memo is
on only when the generation lives somewhere every process reads (``generation.enabled``).
Without the cache (Redis away) there is no generation and every value is computed afresh.

Values kept here are shared by every request a process serves: keep plain data (strings,
tuples, dicts, rendered HTML), never a model instance a view could change. What also
changes with the clock (an event going live, the next events) goes through
``remember_until``, which keeps it only until that moment. What costs more to build than
to read back from Redis (the policymaker catalogue, an iCalendar feed) is also kept in the
shared cache under the generation (``remember_shared``), so one process builds it for all.
Templates keep fragments with ``{% remember %}`` (``fragments.py``).
"""

import datetime
import hashlib
import threading
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation

from . import generation
from .generation import enabled

MAX_ENTRIES = 5000
# Entries of the shared cache are read only under their own generation; this only lets
# Redis drop those of generations gone by. An entry that expires is built again.
SHARED_SECONDS = 24 * 60 * 60

_store: dict[Hashable, object] = {}
_store_generation: str | None = None
_lock = threading.Lock()
_MISSING = object()

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
# A value kept until a moment (``remember_until``): the value, and that moment or None.
Until = tuple[T, datetime.datetime | None]

__all__ = [
    "enabled",
    "forget",
    "paginate",
    "remember",
    "remember_shared",
    "remember_shared_many",
    "remember_until",
]


def _get(token: str, key: Hashable) -> object:
    global _store_generation
    with _lock:
        if token != _store_generation:
            _store.clear()
            _store_generation = token
        return _store.get(key, _MISSING)


def _put(token: str, key: Hashable, value: object) -> None:
    with _lock:
        if token == _store_generation:
            if len(_store) >= MAX_ENTRIES:
                _store.clear()
            _store[key] = value


def _token() -> str | None:
    return generation.current() if enabled() else None


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, kept in this process until the content generation moves on."""
    token = _token()
    if token is None:
        return compute()
    value = _get(token, key)
    if value is _MISSING:
        value = compute()
        _put(token, key, value)
    return cast(T, value)


def remember_until(
    key: Hashable, compute: Callable[[], Until[T]], now: datetime.datetime
) -> Until[T]:
    """For what changes with time as well as content (the events that are next, whether
    one is live): ``compute()`` returns ``(value, until)``, and the value is kept until the
    content changes or the moment ``until`` comes (``None``: only the content).
    Returns ``(value, until)``."""
    token = _token()
    if token is None:
        return compute()
    found = cast(Until[T], _get(token, key))
    if found is _MISSING or (found[1] is not None and now >= found[1]):
        found = compute()
        _put(token, key, found)
    return found


def _shared_key(token: str, key: Hashable) -> str:
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    return f"derived:{token}:{digest}"


def remember_shared(key: Hashable, compute: Callable[[], T], in_process: bool = True) -> T:
    """``compute()``, kept in the shared cache under the current generation, so one process
    builds it for all, and (``in_process``) in this process's memo in front of it: reading
    it back from Redis costs unpickling. ``key`` must ``repr`` the same in every process
    (plain values)."""
    token = _token()
    if token is None:
        return compute()
    if in_process and (value := _get(token, key)) is not _MISSING:
        return cast(T, value)
    shared_key = _shared_key(token, key)
    found: tuple[T] | None = cache.get(shared_key)
    if found is None:
        found = (compute(),)
        cache.set(shared_key, found, SHARED_SECONDS)
    if in_process:
        _put(token, key, found[0])
    return found[0]


def remember_shared_many(keys: Iterable[K], compute: Callable[[K], T]) -> dict[K, T]:
    """``{key: value}`` for ``keys`` (each ``compute(key)``), kept in the shared cache only,
    under the current generation: for many values that each process needs rarely (one
    event's VEVENT among a thousand)."""
    token = _token()
    if token is None:
        return {key: compute(key) for key in keys}
    shared_keys = {key: _shared_key(token, key) for key in keys}
    cached = cache.get_many(list(shared_keys.values()))
    found: dict[K, T] = {}
    fresh: dict[str, T] = {}
    for key, shared_key in shared_keys.items():
        if shared_key in cached:
            found[key] = cached[shared_key]
        else:
            found[key] = fresh[shared_key] = compute(key)
    if fresh:
        cache.set_many(fresh, SHARED_SECONDS)
    return found


def paginate(
    request: HttpRequest,
    key: tuple[Hashable, ...],
    results: QuerySet[Any],
    per_page: int,
    row: Callable[[Any, HttpRequest], object],
) -> Page[Any]:
    """Django's page ``page`` of ``results``, its total and its items (``row(item, request)``,
    plain values) remembered under ``key`` (which must say what ``results`` holds)."""
    total = remember(("list-count", *key), results.count)
    page: Page[Any] = Paginator(range(total), per_page).get_page(request.GET.get("page"))
    if total:
        page.object_list = remember(
            ("list-rows", *key, page.number, translation.get_language(), request.get_host()),
            lambda: [
                row(item, request) for item in results[page.start_index() - 1 : page.end_index()]
            ],
        )
    return page


def forget() -> None:
    """Drop this process's memo (tests, after the database was put back by other means)."""
    global _store_generation
    with _lock:
        _store.clear()
        _store_generation = None
