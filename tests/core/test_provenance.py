"""Provenance on every record: visitors see where a fact comes from and when it was last
checked; editors see what nobody has checked for a year; importers take a checking date
only from a file that has one."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from msme_platform.core import roles
from msme_platform.core.importing import ImportFileError
from msme_platform.core.models import Country, ProvenanceMixin
from msme_platform.core.provenance import stale_records
from msme_section.importers import ProgrammeImporter
from msme_section.models import BestPracticeIndexPage, NationalProgrammePage, ProgrammeIndexPage
from tests.msme_section.factories import BestPracticePageFactory, NationalProgrammePageFactory
from tests.utils import assert_constant_queries, sign_in

pytestmark = pytest.mark.django_db

RECORD_MODELS = {
    "core.country",
    "events.eventpage",
    "msme_section.bestpracticepage",
    "msme_section.challengepage",
    "msme_section.nationalprogrammepage",
    "msme_section.resource",
    "msme_section.studypage",
    "policymaker_section.agreementpage",
    "policymaker_section.provisioncategory",
    "policymaker_section.tprentrypage",
}


def test_every_content_record_carries_provenance():
    with_mixin = {m._meta.label_lower for m in apps.get_models() if issubclass(m, ProvenanceMixin)}
    assert with_mixin == RECORD_MODELS
    for label in RECORD_MODELS:
        fields = {f.name: f for f in apps.get_model(label)._meta.get_fields()}
        for name in ("source_url", "last_verified", "verified_by"):
            assert fields[name].help_text, f"{label}.{name} has no help text for editors"


def english_live(model):
    return model.objects.live().filter(locale=Locale.get_default()).first()


@pytest.mark.parametrize(
    "label",
    sorted(label for label in RECORD_MODELS if issubclass(apps.get_model(label), Page)),
)
def test_every_record_page_shows_source_last_checked_and_report_link(client, label):
    model = apps.get_model(label)
    page = english_live(model)
    if page is None:  # the starter content has no best practice yet
        index = BestPracticeIndexPage.objects.get(locale=Locale.get_default())
        page = BestPracticePageFactory(parent=index)
    page.source_url = page.source_url or "https://www.wto.org/english/tratop_e/msmes_e/"
    page.last_verified = datetime.date(2026, 3, 2)
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert "Source:" in html and f'href="{page.source_url}"' in html
    assert 'Last checked: <time datetime="2026-03-02">2 March 2026</time>' in html
    assert f'href="/en/report-an-error/{page.pk}/"' in html


def test_never_checked_record_says_so(client):
    page = english_live(NationalProgrammePage)
    page.last_verified = None
    page.save_revision().publish()
    assert "not yet checked by an editor" in client.get(page.url).content.decode()


def programme_form(country, **extra):
    data = {
        "title": "Export readiness vouchers",
        "slug": "export-readiness-vouchers",
        "search_description": "Vouchers for first-time exporters.",
        "country": country.pk,
        "agency": "Trade Promotion Office",
        "programme_type": "export-promotion",
        "for_micro": "on",
        "for_small": "on",
        "eligibility": rich_text("<p>Registered firms.</p>"),
        "sectors": "",
        "link": "",
        "source_url": "https://programmes.example/vouchers/",
        "last_verified": "2026-11-20",
        "verified_by": "",
    }
    data.update(extra)
    return nested_form_data(data)


def test_delegate_adds_programme_reviewer_approves_visitor_sees_where_it_comes_from(client, person):
    delegate = person("delegate", roles.DELEGATES)
    reviewer = person("reviewer", roles.REVIEWERS)
    index = ProgrammeIndexPage.objects.get(locale=Locale.get_default())
    country = Country.objects.get(iso3="KEN", locale=Locale.get_default())
    add_url = reverse(
        "wagtailadmin_pages:add", args=["msme_section", "nationalprogrammepage", index.pk]
    )

    client.force_login(delegate)
    data = programme_form(country, verified_by=delegate.pk)
    data["action-submit"] = "1"
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = NationalProgrammePage.objects.get(slug="export-readiness-vouchers")
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"
    client.logout()
    assert client.get("/en/policymakers/programmes/export-readiness-vouchers/").status_code == 404

    sign_in(client, reviewer)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", page.current_workflow_task_state.pk],
    )
    assert client.post(approve, {"comment": "Checked against the source."}).status_code == 302
    client.logout()

    page.refresh_from_db()
    assert page.live and page.verified_by == delegate
    html = client.get(page.url).content.decode()
    assert "Export readiness vouchers" in html
    assert 'href="https://programmes.example/vouchers/"' in html
    assert "20 November 2026" in html
    assert delegate.username not in html  # who checked is for editors only


PROGRAMME_HEADER = "country,name,agency,programme_type,target,url,source_url,note"


def programme_row(name):
    slug = name.lower().replace(" ", "-")
    return f"KEN,{name},Kenya Export Agency,finance,micro;small,,https://agency.example/{slug}/,"


def test_import_takes_the_checking_date_from_a_last_verified_column():
    content = (
        f"{PROGRAMME_HEADER},last_verified\r\n" + programme_row("Checked fund") + ",2026-10-01\r\n"
    ).encode()
    ProgrammeImporter().read(content, "programmes.csv").apply()
    page = NationalProgrammePage.objects.get(title="Checked fund")
    assert page.last_verified == datetime.date(2026, 10, 1)
    assert page.source_url == "https://agency.example/checked-fund/"


def test_import_without_the_column_leaves_the_date_alone():
    first = f"{PROGRAMME_HEADER},last_verified\r\n" + programme_row("Kept fund") + ",2026-10-01\r\n"
    ProgrammeImporter().read(first.encode(), "programmes.csv").apply()
    again = f"{PROGRAMME_HEADER}\r\n" + programme_row("Kept fund") + "\r\n"
    plan = ProgrammeImporter().read(again.encode(), "programmes.csv")
    assert plan.summary["unchanged"] >= 1
    plan.apply()
    assert NationalProgrammePage.objects.get(title="Kept fund").last_verified == datetime.date(
        2026, 10, 1
    )


def test_a_bad_checking_date_is_reported_by_line_and_column():
    content = (
        f"{PROGRAMME_HEADER},last_verified\r\n" + programme_row("Odd fund") + ",2026\r\n"
    ).encode()
    with pytest.raises(ImportFileError) as error:
        ProgrammeImporter().read(content, "programmes.csv")
    assert str(error.value.errors[0]) == (
        "programmes.csv, line 2, column 'last_verified': expected the day it was checked as "
        "YYYY-MM-DD, found '2026'"
    )
    assert not NationalProgrammePage.objects.filter(title="Odd fund").exists()


def test_starter_records_are_never_checked_rather_than_given_invented_dates():
    assert not NationalProgrammePage.objects.exclude(last_verified=None).exists()
    assert not Country.objects.exclude(last_verified=None).exists()


# --- The stale records report


def test_stale_report_lists_unchecked_and_old_records_with_edit_links(client, person):
    today = timezone.localdate()
    NationalProgrammePage.objects.update(last_verified=today)
    fresh, old, never = NationalProgrammePage.objects.filter(locale=Locale.get_default()).order_by(
        "pk"
    )[:3]
    NationalProgrammePage.objects.filter(pk=old.pk).update(
        last_verified=today - datetime.timedelta(days=400)
    )
    NationalProgrammePage.objects.filter(pk=never.pk).update(last_verified=None)

    sign_in(client, person("secretariat", roles.SECRETARIAT))
    response = client.get(
        reverse("msme_stale_records"), {"kind": "msme_section.nationalprogrammepage", "p": 1}
    )
    html = response.content.decode()
    assert response.status_code == 200
    edit = reverse("wagtailadmin_pages:edit", args=[old.pk])
    assert f'href="{edit}"' in html
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[never.pk])}"' in html
    assert html.index(f"/admin/pages/{never.pk}/edit/") < html.index(f"/admin/pages/{old.pk}/")
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[fresh.pk])}"' not in html
    kinds = {row[0] for row in stale_records()}
    assert {"core.country", "msme_section.nationalprogrammepage"} <= kinds
    assert "Records to check" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_stale_report_costs_the_same_queries_with_more_records(client, person):
    sign_in(client, person("secretariat", roles.SECRETARIAT))
    index = ProgrammeIndexPage.objects.get(locale=Locale.get_default())
    url = reverse("msme_stale_records")

    def grow():
        for _ in range(5):
            NationalProgrammePageFactory(parent=index)
        country = Country.objects.filter(locale=Locale.get_default()).first()
        Country.objects.filter(pk=country.pk).update(last_verified=None)

    cold, warm = assert_constant_queries(lambda: client.get(url), grow, limit=15)
    assert warm <= cold <= 15


def test_stale_report_refuses_visitors(client):
    response = client.get(reverse("msme_stale_records"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_accessibility_checker_is_in_the_page_editor(client, person):
    """Wagtail 8 runs its axe-based checks next to the preview; nothing here turns it off."""
    client.force_login(person("delegate", roles.DELEGATES))
    page = english_live(NationalProgrammePage)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "w-content-checker" in html
    assert 'data-side-panel="checks"' in html or "Toggle checks" in html


@pytest.mark.parametrize("role", [roles.DELEGATES, roles.OBSERVERS])
def test_editor_guide_is_in_the_admin_menu(client, person, role):
    client.force_login(person("editor", role))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("msme_editor_guide") in home
    guide = client.get(reverse("msme_editor_guide")).content.decode()
    for heading in ("a trade agreement", "national support programme", "an event", "a survey"):
        assert heading in guide
