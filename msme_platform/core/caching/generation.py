"""The content generation: one token for the whole site, replaced whenever content changes.

The token lives in the shared cache (Redis in production), so every process reads the same
one; a request reads it at most once (``ContentGenerationMiddleware``). Any saved or
deleted record that a visitor could see replaces it (``page_cache.on_model_change``), at
once and again when the transaction commits, so a request that read the database
mid-transaction cannot keep what it saw. Everything derived from content is valid for one
generation (see ``README.md`` in this package).
"""

import logging
import threading
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

GENERATION_KEY = "content:generation"
logger = logging.getLogger(__name__)

_local = threading.local()


def enabled() -> bool:
    """Whether derived data may be kept at all: only where every process reads the same
    generation (``CONTENT_MEMO``: on with ``REDIS_URL``, and in one-process development
    and tests)."""
    memo_on: bool = getattr(settings, "CONTENT_MEMO", False)
    return memo_on


def _read_generation() -> str | None:
    try:
        token: str | None = cache.get(GENERATION_KEY)
        if token is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            token = cache.get(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - no cache, no memo; the page is still served
        logger.warning("Content generation unreadable; serving without the memo", exc_info=True)
        return None
    return token


def current() -> str | None:
    """The current generation (None: unreadable), read at most once per request."""
    token: str | None = getattr(_local, "generation", None)
    if token is None:
        token = _read_generation()
        if getattr(_local, "in_request", False):
            _local.generation = token
    return token


def begin() -> None:
    """A request starts on this thread: the generation is read when first needed."""
    _local.in_request = True
    _local.generation = None


def end() -> None:
    _local.in_request = False
    _local.generation = None


def _replace_generation() -> None:
    token = uuid.uuid4().hex
    try:
        cache.set(GENERATION_KEY, token, None)
    except Exception:  # noqa: BLE001 - the change itself must still succeed
        logger.exception("Could not move the content generation on after a change")
        return
    if getattr(_local, "generation", None) is not None:
        _local.generation = token


def changed() -> None:
    """Content changed: retire everything derived from it, now and once committed."""
    _replace_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        already = any(
            callback is _replace_generation for _, callback, _ in connection.run_on_commit
        )
        if not already:
            transaction.on_commit(_replace_generation)


class ContentGenerationMiddleware:
    """Read the generation at most once per request, and only if something needs it (a
    view that uses neither the memo nor the page cache costs no cache round trip)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            return self.get_response(request)
        begin()
        try:
            return self.get_response(request)
        finally:
            end()
