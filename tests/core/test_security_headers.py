"""Security and caching headers on every kind of response: fails if any of them regresses."""

import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

from tests.core.test_operations import run_python

pytestmark = pytest.mark.django_db

SURVEY = "/en/msmes/have-your-say/what-msmes-need-from-this-platform/"
FORUM = "/en/msmes/have-your-say/finding-trade-information/"
EVENTS = "/en/msmes/events/"
AGREEMENTS = "/en/policymakers/trade-agreements/"


def directives(response, header="Cache-Control"):
    return {part.strip() for part in response.get(header, "").split(",") if part.strip()}


def csp(response):
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


def assert_public_policy(response):
    policy = csp(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def assert_never_cached(response):
    assert {"private", "no-store", "no-cache"} <= directives(response)


def test_a_public_page_carries_the_strict_policy_and_may_be_cached_publicly(client):
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert_common_headers(response)
    assert_public_policy(response)
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response) == {"public", "max-age=0"}
    # The language is in the path, so the page does not depend on a header or cookie.
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_the_admin_gets_its_own_looser_policy_and_is_never_cached(client, django_user_model):
    login = client.get("/admin/login/")
    assert_common_headers(login)
    assert_never_cached(login)
    editor = django_user_model.objects.create_superuser("headers", "h@example.org", "x" * 20)
    client.force_login(editor)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    policy = csp(dashboard)
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-ancestors"] == ["'self'"]  # page previews are framed by the admin
    assert policy["object-src"] == ["'none'"]
    assert_common_headers(dashboard)
    assert_never_cached(dashboard)


def test_the_not_found_page_has_the_policy_and_is_not_kept(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert_common_headers(response)
    assert_public_policy(response)
    assert "no-cache" in directives(response)
    assert "public" not in directives(response)


def test_the_unavailable_page_has_the_policy_and_is_never_stored():
    result = run_python(
        """
        import django
        django.setup()
        from django.test import Client
        page = Client(raise_request_exception=False).get("/en/about/")
        for name in ("Content-Security-Policy", "Cache-Control", "Retry-After",
                     "X-Content-Type-Options", "Permissions-Policy"):
            print(name, "=", page.get(name))
        print(page.status_code)
        """,
        DJANGO_SETTINGS_MODULE="msme_platform.settings.test",
        DATABASE_URL="postgresql://nobody@127.0.0.1:9/nowhere",
        CONN_MAX_AGE="0",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = dict(line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line)
    assert result.stdout.splitlines()[-1] == "503"
    assert lines["Cache-Control"] == "no-store"
    assert lines["Retry-After"] == "30"
    assert "default-src 'self'" in lines["Content-Security-Policy"]
    assert "unsafe-inline" not in lines["Content-Security-Policy"]
    assert lines["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in lines["Permissions-Policy"]


@pytest.mark.parametrize(
    "url",
    [
        f"{EVENTS}ical/",
        f"{AGREEMENTS}export/csv/",
        f"{AGREEMENTS}export/json/",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
def test_feeds_exports_and_sitemaps_are_public_and_typed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_common_headers(response)
    assert "public" in directives(response)
    assert not {"private", "no-store"} & directives(response)
    assert not response.cookies


def test_healthz_is_never_stored(client):
    response = client.get("/healthz")
    assert_never_cached(response)
    assert_common_headers(response)


@pytest.mark.parametrize("url", [SURVEY, FORUM])
def test_pages_with_forms_are_private(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<form" in response.content.decode()
    assert_never_cached(response)
    assert_public_policy(response)


def test_a_form_submission_is_never_stored(client):
    response = client.post(SURVEY, {})
    assert response.status_code in (200, 302, 400)
    assert_never_cached(response)


def test_signed_in_visitors_get_private_copies_of_public_pages(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 20))
    response = client.get("/en/about/")
    assert_never_cached(response)


def test_the_language_redirect_depends_on_the_visitor(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    assert "public" not in directives(response)


def test_an_event_keeps_its_own_expiry_and_neither_browser_nor_cdn_gets_longer(client):
    backend = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    from events.models import EventPage

    event = EventPage.objects.live().filter(locale__language_code="en").first()
    with override_settings(WAGTAILFRONTENDCACHE=backend, FRONTEND_CACHE_SECONDS=120):
        about = client.get("/en/about/")
        page = client.get(event.url)
    assert {"public", "max-age=0", "s-maxage=120"} <= directives(about)
    parts = directives(page)
    max_age = next(int(p.split("=")[1]) for p in parts if p.startswith("max-age="))
    s_maxage = next(int(p.split("=")[1]) for p in parts if p.startswith("s-maxage="))
    assert "public" in parts
    assert max_age == 0  # an editor's change to the event shows at the next visit
    assert 0 < s_maxage <= 120  # the CDN is purged on publish; its copy ends by then


def test_hashed_static_files_are_immutable_and_carry_the_headers(tmp_path):
    source = tmp_path / "source" / "css"
    source.mkdir(parents=True)
    shutil.copy(settings.BASE_DIR / "static" / "css" / "site.css", source / "site.css")
    with override_settings(
        STATIC_ROOT=tmp_path / "collected",
        STATICFILES_DIRS=[tmp_path / "source"],
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
            },
        },
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = static("css/site.css")
        response = Client().get(url)  # a new client loads whitenoise with these files
        assert url != "/static/css/site.css"
        assert response.status_code == 200
        assert "immutable" in directives(response)
        assert "max-age=315360000" in directives(response)
        assert_common_headers(response)


def test_production_cookies_are_secure_and_transport_is_strict():
    result = run_python(
        """
        import django
        django.setup()
        from django.conf import settings
        from django.test import Client, override_settings
        print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,
              settings.LANGUAGE_COOKIE_SECURE)
        print(settings.SESSION_COOKIE_SAMESITE, settings.CSRF_COOKIE_SAMESITE,
              settings.LANGUAGE_COOKIE_SAMESITE, settings.SESSION_COOKIE_HTTPONLY)
        client = Client(raise_request_exception=False)
        plain = client.get("/healthz")
        print(plain.status_code)
        plain_files = {**settings.STORAGES, "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
        with override_settings(STORAGES=plain_files):  # no collectstatic here
            page = client.get("/admin/login/", secure=True, HTTP_HOST="msme.example.org")
        print(page.get("Strict-Transport-Security"))
        cookie = page.cookies["csrftoken"]
        print(bool(cookie["secure"]), cookie["samesite"])
        """,
        DJANGO_SETTINGS_MODULE="msme_platform.settings.production",
        SECRET_KEY="a-long-random-production-secret-" + "x7Gq2" * 10,
        ALLOWED_HOSTS="msme.example.org,testserver",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "True True True"
    assert lines[1] == "Lax Lax Lax True"
    assert lines[2] in ("200", "503")  # the health check is not redirected to HTTPS
    assert lines[3] == "max-age=31536000; includeSubDomains; preload"
    assert lines[4] == "True Lax"


def test_previews_of_public_pages_carry_the_admin_policy(client, django_user_model):
    from wagtail.models import Page

    editor = django_user_model.objects.create_superuser("preview", "p@example.org", "x" * 20)
    client.force_login(editor)
    about = Page.objects.get(url_path__endswith="/about/", locale__language_code="en")
    response = client.get(f"/admin/pages/{about.pk}/view_draft/")
    assert response.status_code == 200
    assert "About the platform" in response.content.decode()
    assert csp(response)["frame-ancestors"] == ["'self'"]
    assert_never_cached(response)
