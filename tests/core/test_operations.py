"""Health check, robots.txt, sitemap and error pages, as a server operator relies on them."""

import io
import json
import logging
import os
import subprocess
import sys
import textwrap
import unittest

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_healthz_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_the_pages_of_every_language(client):
    body = client.get("/sitemap.xml").content.decode()
    for path in ("/en/about/", "/fr/about/", "/es/msmes/", "/en/policymakers/"):
        assert f"<loc>http://testserver{path}</loc>" in body


@pytest.mark.parametrize(
    ("host", "root"),
    [
        # The address the site is served from, when ALLOWED_HOSTS names it...
        ("127.0.0.1:8317", "http://127.0.0.1:8317"),
        ("localhost:8317", "http://localhost:8317"),
        # ...and the Site record's (Settings > Sites) for its own host name.
        ("localhost", "http://localhost"),
    ],
)
def test_sitemap_lists_the_address_the_site_is_served_from(client, host, root):
    body = client.get("/sitemap.xml", HTTP_HOST=host).content.decode()
    assert f"<loc>{root}/en/about/</loc>" in body
    assert f'hreflang="fr" href="{root}/fr/about/"' in body
    assert "<loc>http" not in body.replace(f"<loc>{root}/", "")


def test_sitemap_trusts_no_host_that_only_a_wildcard_allows(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    body = client.get("/sitemap.xml", HTTP_HOST="attacker.example").content.decode()
    assert "attacker.example" not in body
    assert "<loc>http://localhost/en/about/</loc>" in body


def test_a_disallowed_host_is_logged_in_one_line_without_a_traceback(client):
    with unittest.TestCase().assertLogs("django.security.DisallowedHost") as logs:
        response = client.get("/en/", HTTP_HOST="spoofed.example")
    assert response.status_code == 400
    [record] = logs.records
    assert record.exc_info is None and not record.exc_text
    line = logging.Formatter().format(record)
    assert "spoofed.example" in line
    assert "\n" not in line and "Traceback" not in line
    # The logger's own handler only: Django's "django" handler would print it again.
    assert not logging.getLogger("django.security.DisallowedHost").propagate


def test_the_local_admin_login_names_the_port_make_run_serves_on(settings, tmp_path, monkeypatch):
    from msme_platform.core.management.commands import create_local_admin

    settings.LOCAL_DEVELOPMENT = True
    monkeypatch.setattr(create_local_admin.Command, "password_file", tmp_path / "password")
    out = io.StringIO()
    call_command("create_local_admin", host="127.0.0.1", port="8301", stdout=out)
    assert "Local admin: http://127.0.0.1:8301/admin/  user: admin  password: " in out.getvalue()


def clean_environ(*drop):
    """This process's environment without what the browser tests set for themselves."""
    drop = {"DJANGO_ALLOW_ASYNC_UNSAFE", *drop}
    return {key: value for key, value in os.environ.items() if key not in drop}


def run_python(code, **env):
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=settings.BASE_DIR,
        env={**clean_environ(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_with_the_database_down_healthz_fails_and_pages_say_try_again_later():
    result = run_python(
        """
        import django
        django.setup()
        from django.test import Client
        client = Client(raise_request_exception=False)
        health = client.get("/healthz")
        page = client.get("/en/about/")
        print(health.status_code, health.json()["database"])
        print(page.status_code, page["Retry-After"], "try again" in page.content.decode())
        print("Traceback" in page.content.decode())
        """,
        DJANGO_SETTINGS_MODULE="msme_platform.settings.test",
        DATABASE_URL="postgresql://nobody@127.0.0.1:9/nowhere",
        CONN_MAX_AGE="0",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[:3] == ["503 unreachable", "503 30 True", "False"]


def test_a_survey_answer_sent_while_the_database_is_down_comes_back_to_send_again():
    """A real request through every middleware to a database that does not answer."""
    result = run_python(
        """
        import django, json
        django.setup()
        from django.middleware.csrf import _get_new_csrf_string
        from django.test import Client
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        csrf = _get_new_csrf_string()
        client.cookies["csrftoken"] = csrf
        page = client.post(
            "/en/msmes/have-your-say/what-msmes-need-from-this-platform/",
            {
                "csrfmiddlewaretoken": csrf,
                "form_token": "signed-token",
                "website": "",
                "what_would_help_most": "Clearer <rules> of origin & fewer forms",
                "needs": ["Tariffs", "Buyers"],
                "consent": "on",
                "password": "never shown",
            },
        )
        print(json.dumps({"status": page.status_code, "retry": page.get("Retry-After"),
                          "html": page.content.decode()}))
        """,
        DJANGO_SETTINGS_MODULE="msme_platform.settings.test",
        DATABASE_URL="postgresql://nobody@127.0.0.1:9/nowhere",
        CONN_MAX_AGE="0",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    page = json.loads(result.stdout)
    html = page["html"]
    assert (page["status"], page["retry"]) == (503, "30")
    assert "Your answers were not sent" in html
    assert "Clearer &lt;rules&gt; of origin &amp; fewer forms</textarea>" in html
    assert 'name="needs" value="Tariffs" checked' in html
    assert 'name="needs" value="Buyers" checked' in html
    assert '<input type="checkbox" name="consent" value="on" checked> Consent' in html
    assert '<input type="hidden" name="form_token" value="signed-token">' in html
    assert 'action="/en/msmes/have-your-say/what-msmes-need-from-this-platform/"' in html
    assert "never shown" not in html and "Traceback" not in html


def test_a_page_fetched_while_the_database_is_down_offers_no_form():
    html = run_python(
        """
        import django
        django.setup()
        from django.test import Client
        print(Client(raise_request_exception=False).get("/en/msmes/").content.decode())
        """,
        DJANGO_SETTINGS_MODULE="msme_platform.settings.test",
        DATABASE_URL="postgresql://nobody@127.0.0.1:9/nowhere",
        CONN_MAX_AGE="0",
    ).stdout
    assert "try again in a minute" in html
    assert "<form" not in html


def test_the_500_page_renders_without_a_database_or_request():
    from msme_platform.core.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_production_settings_refuse_to_start_without_a_secret():
    env = clean_environ("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "msme_platform.settings.production"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the SECRET_KEY environment variable" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={
            **clean_environ(),
            "DJANGO_SETTINGS_MODULE": "msme_platform.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Gq2" * 10,
            "ALLOWED_HOSTS": "msme.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_base_settings_are_safe_as_they_stand():
    result = run_python(
        """
        import django
        django.setup()
        from django.conf import settings
        print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.DATABASES["default"]["ENGINE"])
        print(settings.CACHES["default"]["BACKEND"])
        """,
        DJANGO_SETTINGS_MODULE="msme_platform.settings.base",
        SECRET_KEY="only-for-this-test",
        ALLOWED_HOSTS="",
        DATABASE_URL="postgresql://someone@db.example.org:5432/msme",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "False [] django.db.backends.postgresql"
    assert lines[1] == "msme_platform.core.caching.redis.ResilientRedisCache"


def test_redis_cache_works_when_redis_url_is_set():
    result = run_python(
        """
        import django
        django.setup()
        from django.core.cache import cache
        cache.set("msme-test-key", "shared between app servers", 10)
        print(cache.get("msme-test-key"))
        cache.delete("msme-test-key")
        """,
        DJANGO_SETTINGS_MODULE="msme_platform.settings.test",
        REDIS_URL=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
    )
    if "Connection refused" in result.stderr and not os.environ.get("STRICT_NO_SKIPS"):
        pytest.skip("no Redis server on 127.0.0.1:6379")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "shared between app servers"


@pytest.mark.parametrize(
    "path", ["/en/", "/en/about/", "/en/msmes/have-your-say/what-msmes-need-from-this-platform/"]
)
def test_with_redis_stopped_pages_are_served_without_the_cache(client, path):
    """Nothing listens on port 1: every cache call meets a refused connection."""
    from django.test import override_settings

    stopped_redis = {
        "default": {
            "BACKEND": "msme_platform.core.caching.redis.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=stopped_redis, PAGE_CACHE_ENABLED=True):
        response = client.get(path)
    assert response.status_code == 200
    assert "<h1" in response.content.decode()
    assert response.get("X-Page-Cache") != "hit"


@pytest.mark.parametrize(("debug_pages", "debug"), [("", "False"), ("1", "True")])
def test_make_run_shows_the_sites_own_error_pages_unless_asked_and_serves_static_files(
    debug_pages, debug
):
    # Under make run (settings.dev) a visitor gets the site's 404 page, not Django's
    # debug page, which DJANGO_DEBUG_PAGES=1 brings back. Static files are served either way.
    result = run_python(
        """
        import django
        django.setup()
        from django.conf import settings
        from django.test import Client
        print(settings.DEBUG, settings.LOCAL_DEVELOPMENT)
        print(Client().get("/static/css/site.css").status_code)
        """,
        DJANGO_SETTINGS_MODULE="msme_platform.settings.dev",
        DJANGO_DEBUG_PAGES=debug_pages,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines() == [f"{debug} True", "200"]
