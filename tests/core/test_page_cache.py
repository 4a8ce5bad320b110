"""The whole-page cache: fast for anonymous visitors, never stale, never private."""

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import caches
from django.test import override_settings
from wagtail.models import Locale

from msme_platform.core.models import StandardPage

pytestmark = pytest.mark.django_db

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def page_cache():
    caches_setting = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": "test",
        },
    }
    with override_settings(
        CACHES=caches_setting, PAGE_CACHE_ENABLED=True, PAGE_CACHE_ALIAS="pages"
    ):
        try:
            caches["pages"].clear()
        except Exception as error:  # noqa: BLE001
            if os.environ.get("STRICT_NO_SKIPS"):
                raise
            pytest.skip(f"no Redis at {REDIS}: {error}")
        yield caches["pages"]
        caches["pages"].clear()


def test_second_anonymous_visit_is_served_from_the_cache(client, page_cache):
    assert client.get("/en/about/")["X-Page-Cache"] == "miss"
    second = client.get("/en/about/")
    assert second["X-Page-Cache"] == "hit"
    assert "About the platform" in second.content.decode()


def test_publishing_a_change_shows_at_once_on_the_page_and_on_listings(client, page_cache):
    client.get("/en/about/")
    client.get("/en/")
    about = StandardPage.objects.get(slug="about", locale=Locale.get_default())
    about.title = "About us, revised"
    about.save_revision().publish()
    assert "About us, revised" in client.get("/en/about/").content.decode()
    assert "About us, revised" in client.get("/en/").content.decode()  # "What's new"


def test_unpublished_page_disappears_from_the_cache(client, page_cache):
    client.get("/en/privacy/")
    StandardPage.objects.get(slug="privacy", locale=Locale.get_default()).unpublish()
    assert client.get("/en/privacy/").status_code == 404


def test_signed_in_editors_never_get_or_fill_the_cache(client, page_cache, django_user_model):
    client.get("/en/about/")
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "x" * 20)
    client.force_login(editor)
    response = client.get("/en/about/")
    assert "X-Page-Cache" not in response


def test_search_results_are_cached_per_query(client, page_cache):
    client.get("/en/search/", {"q": "privacy"})
    assert client.get("/en/search/", {"q": "privacy"})["X-Page-Cache"] == "hit"
    other = client.get("/en/search/", {"q": "accessibility"})
    assert other["X-Page-Cache"] == "miss"
    assert "Accessibility statement" in other.content.decode()


def test_errors_and_private_responses_are_not_cached(client, page_cache):
    client.get("/en/no-such-page/")
    assert "X-Page-Cache" not in client.get("/en/no-such-page/")
    client.get("/healthz")
    assert "X-Page-Cache" not in client.get("/healthz")


def test_without_redis_the_site_keeps_serving(client):
    broken = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    }
    with override_settings(CACHES=broken, PAGE_CACHE_ENABLED=True, PAGE_CACHE_ALIAS="pages"):
        response = client.get("/en/about/")
    assert response.status_code == 200
    assert "About the platform" in response.content.decode()


@pytest.fixture
def purge_server():
    """A local stand-in for a CDN's purge endpoint that records what it is asked to purge."""
    purged = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            purged.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", purged
    server.shutdown()


def test_publishing_purges_the_page_and_the_pages_that_list_it_from_the_cdn(purge_server):
    location, purged = purge_server
    backend = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        about = StandardPage.objects.get(slug="about", locale=Locale.get_default())
        about.title = "About the platform (purged)"
        about.save_revision().publish()
    assert "/en/about/" in purged
    assert "/en/" in purged  # the home page lists what is new


def test_with_a_cdn_pages_may_be_shared_for_a_while_but_browsers_revalidate(client):
    backend = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backend, FRONTEND_CACHE_SECONDS=120):
        response = client.get("/en/about/")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=120"} <= directives
    # Without a CDN nothing shared keeps the page; browsers ask again each time.
    assert client.get("/en/about/")["Cache-Control"] == "public, max-age=0"
