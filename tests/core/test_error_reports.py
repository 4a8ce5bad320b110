"""Visitors report an error on a record page; the Secretariat handles the queue."""

import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, ModelLogEntry

from events.models import EventIndexPage
from msme_platform.core import protection, roles
from msme_platform.core.enums import ErrorReportStatus
from msme_platform.core.models import ErrorReport, StandardPage
from msme_section.models import NationalProgrammePage
from tests.events.factories import EventPageFactory
from tests.utils import assert_constant_queries, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def record():
    return NationalProgrammePage.objects.live().filter(locale=Locale.get_default()).first()


def form_url(page):
    return reverse("report_error", args=[page.pk])


def report(**overrides):
    data = {
        "form_token": protection.make_token(issued_at=time.time() - 60),
        "website": "",
        "message": "The agency was renamed in 2025.",
        "email": "reader@example.org",
    }
    data.update(overrides)
    return data


def test_record_page_links_to_the_form_and_stays_cacheable(client, record):
    response = client.get(record.url)
    assert f'href="{form_url(record)}"' in response.content.decode()
    # No form, no CSRF token on the record page: the whole-page cache may keep serving it.
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_form_page_shows_the_record_and_is_never_cached(client, record):
    response = client.get(form_url(record))
    html = response.content.decode()
    assert response.status_code == 200
    assert record.title in html and "csrfmiddlewaretoken" in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_report_reaches_the_queue(client, record):
    response = client.post(form_url(record), report())
    assert response.status_code == 302 and response["Location"].endswith("?sent=1")
    stored = ErrorReport.objects.get()
    assert (stored.page_id, stored.email, stored.status) == (
        record.pk,
        "reader@example.org",
        ErrorReportStatus.NEW,
    )
    assert "The Secretariat has your report" in client.get(response["Location"]).content.decode()


def test_missing_message_comes_back_with_what_was_typed(client, record):
    response = client.post(form_url(record), report(message="", email="reader@example.org"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please correct what is marked below" in html
    assert "This field is required." in html
    assert 'value="reader@example.org"' in html
    assert not ErrorReport.objects.exists()


def test_bad_email_is_refused_with_a_message(client, record):
    response = client.post(form_url(record), report(email="not an address"))
    assert "Enter a valid email address." in response.content.decode()
    assert "The agency was renamed in 2025." in response.content.decode()
    assert not ErrorReport.objects.exists()


def test_robots_filling_the_honeypot_are_thanked_and_nothing_is_stored(client, record):
    response = client.post(form_url(record), report(website="http://spam.example"))
    assert response.status_code == 302
    assert not ErrorReport.objects.exists()


def test_too_many_reports_from_one_client_are_refused_with_input_kept(client, record, settings):
    settings.SURVEYS_RATE_LIMIT = (2, 3600)
    for _ in range(2):
        assert client.post(form_url(record), report()).status_code == 302
    response = client.post(form_url(record), report(message="Third report"))
    assert response.status_code == 429
    assert "Third report" in response.content.decode()
    assert ErrorReport.objects.count() == 2


def test_csrf_is_enforced(record):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(form_url(record), report()).status_code == 403
    assert not ErrorReport.objects.exists()


def test_only_record_pages_take_reports(client):
    about = StandardPage.objects.get(slug="about", locale=Locale.get_default())
    assert client.get(form_url(about)).status_code == 404
    assert client.get(reverse("report_error", args=[999999])).status_code == 404


def test_reports_on_unpublished_pages_are_refused(client, record):
    record.unpublish()
    assert client.get(form_url(record)).status_code == 404


# --- The Secretariat's queue


def test_secretariat_sees_the_email_and_resolves_a_report(client, person, record):
    secretariat = person("secretariat", roles.SECRETARIAT)
    item = ErrorReport.objects.create(page=record, message="Wrong agency", email="r@example.org")
    sign_in(client, secretariat)

    listing = client.get(reverse("error_reports:index"), {"status": "new"})
    assert listing.status_code == 200 and "Wrong agency" in listing.content.decode()
    inspect = client.get(reverse("error_reports:inspect", args=[item.pk]))
    assert "r@example.org" in inspect.content.decode()

    response = client.post(
        reverse("error_reports:edit", args=[item.pk]),
        {"status": "resolved", "note": "Agency name corrected."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ErrorReportStatus.RESOLVED and item.handled_by == secretariat
    assert ModelLogEntry.objects.filter(
        action="msme.error_report.resolve", user=secretariat, object_id=str(item.pk)
    ).exists()


@pytest.mark.parametrize("role", [roles.DELEGATES, roles.REVIEWERS, roles.OBSERVERS])
def test_other_roles_cannot_open_the_queue(client, person, record, role):
    item = ErrorReport.objects.create(page=record, message="Wrong", email="r@example.org")
    sign_in(client, person("someone", role))
    for url in (
        reverse("error_reports:index"),
        reverse("error_reports:inspect", args=[item.pk]),
        reverse("error_reports:edit", args=[item.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"r@example.org" not in response.content
    response = client.post(reverse("error_reports:delete", args=[item.pk]))
    assert response.status_code in (302, 403)
    assert ErrorReport.objects.filter(pk=item.pk).exists()


def test_queue_listing_costs_the_same_with_more_reports(client, person, record):
    sign_in(client, person("secretariat", roles.SECRETARIAT))
    url = reverse("error_reports:index")
    ErrorReport.objects.create(page=record, message="First report", email="a@example.org")

    def grow():
        for n in range(10):
            ErrorReport.objects.create(page=record, message=f"Report {n}")

    assert_constant_queries(lambda: client.get(url), grow, limit=30)


# --- The dashboard


def test_dashboard_shows_what_waits_for_the_secretariat(client, person, record):
    ErrorReport.objects.create(page=record, message="Wrong")
    sign_in(client, person("secretariat", roles.SECRETARIAT))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "What waits for me" in html
    assert "1 new error report from visitors" in html
    assert "records not checked for a year or more" in html
    assert "review task" in html
    assert "Upcoming events without a livestream link" in html
    assert f'href="{reverse("msme_stale_records")}"' in html
    assert "Waiting for moderation" in html


def test_delegates_dashboard_has_no_error_reports(client, person, record):
    ErrorReport.objects.create(page=record, message="Wrong")
    sign_in(client, person("delegate", roles.DELEGATES))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "What waits for me" in html
    assert "error report" not in html
    assert "Waiting for moderation" not in html


def test_dashboard_costs_the_same_as_work_piles_up(client, person, record):
    sign_in(client, person("secretariat", roles.SECRETARIAT))
    url = reverse("wagtailadmin_home")
    events = EventIndexPage.objects.get(locale=Locale.get_default())

    def grow():
        for n in range(5):
            ErrorReport.objects.create(page=record, message=f"Report {n}")
            EventPageFactory(parent=events)

    assert_constant_queries(lambda: client.get(url), grow, limit=60)
