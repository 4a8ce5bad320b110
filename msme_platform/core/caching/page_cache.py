"""Whole-response cache for anonymous visitors, shared by every app server through Redis.

What is cached: GET/HEAD responses with status 200 to visitors without a session, that set
no cookie, do not vary on cookies (pages with forms carry a CSRF token and do) and are not
marked private or no-store. A response's own ``max-age`` (events set one that ends at their
next state change) caps how long it is kept.

Never stale: every key carries the site's content generation (``generation.py``), and any
change to content (a page published, unpublished, moved or deleted; a snippet or record
saved) moves the generation on, so every cached response is out of use at once — listings
included. The headers that
tell browsers and a CDN what they may keep are set in ``core/headers.py``. Without a shared
cache (no REDIS_URL) the page cache is off: one process could not tell the others.
"""

import contextlib
import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db.models import Model
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import (  # type: ignore[attr-defined]  # in Django, not in its stubs
    cc_delim_re,
    get_max_age,
    has_vary_header,
)
from wagtail.models import Page

from . import generation

logger = logging.getLogger(__name__)

# Changes to these never alter what an anonymous visitor sees.
IGNORED_MODELS = {
    "sessions.session",
    "admin.logentry",
    "contenttypes.contenttype",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.editingsession",
    "wagtailsearch.indexentry",
    "wagtailadmin.editingsession",
    "core.importrecord",
}
IGNORED_APPS = {"axes", "otp_totp", "django_otp", "wagtailusers", "auth"}


def enabled() -> bool:
    cache_on: bool = getattr(settings, "PAGE_CACHE_ENABLED", False)
    return cache_on


def cache() -> BaseCache:
    return caches[settings.PAGE_CACHE_ALIAS]


def invalidate_all() -> None:
    """Retire every cached response and memo (called on any content change).

    If the cache cannot be reached the change itself must still succeed; entries written
    before it expire after PAGE_CACHE_SECONDS at the latest.
    """
    generation.changed()


def on_model_change(sender: type[Model], **kwargs: object) -> None:
    """Any saved or deleted record may show on some page. Models whose rows never do (a
    survey's raw submissions, say) opt out with ``page_cache_ignore = True``."""
    label = sender._meta.label_lower
    if (
        label in IGNORED_MODELS
        or sender._meta.app_label in IGNORED_APPS
        or getattr(sender, "page_cache_ignore", False)
    ):
        return
    invalidate_all()


def _key(request: HttpRequest, generation_number: str) -> str:
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page-cache:{generation_number}:{request.method == 'HEAD'}:{digest}"


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
    )


def _cacheable_response(response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if has_vary_header(response, "Cookie"):
        return False
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part
    }
    return not directives & {"private", "no-store", "no-cache"}


def purge_listings(sender: type[Page], instance: Page, **kwargs: object) -> None:
    """A CDN purges a published page's own URLs (Wagtail does that); the pages that list
    it — its ancestors, the home page's "What's new" among them — go too."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    # Imported here: only a deployment with a CDN configured needs the frontend-cache backends.
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    purge_pages_from_cache(instance.get_ancestors().live().filter(depth__gt=1))


class PageCacheMiddleware:
    """Serve and store whole responses; see the module docstring for the rules."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _cacheable_request(request):
            return self.get_response(request)
        if not enabled():
            return self.get_response(request)
        token = generation.current()
        if token is None:  # the cache is away: serve uncached
            return self.get_response(request)
        try:
            key = _key(request, token)
            cached: HttpResponseBase | None = cache().get(key)
        except Exception:  # noqa: BLE001 - a cache outage must never take pages down
            return self.get_response(request)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            max_age = get_max_age(response)
            timeout = settings.PAGE_CACHE_SECONDS
            if max_age is not None:
                timeout = min(timeout, max_age)
            if timeout > 0:
                lazy: Any = response  # a TemplateResponse, rendered before it is pickled
                if hasattr(lazy, "render") and not lazy.is_rendered:
                    lazy.render()
                with contextlib.suppress(Exception):  # a full or lost cache: just serve
                    cache().set(key, response, timeout)
            response["X-Page-Cache"] = "miss"
        return response
