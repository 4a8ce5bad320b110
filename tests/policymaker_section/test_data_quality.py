"""What a record rests on is shown: an old status, a rule-based category, a quotation's
language; delegates find the categories to confirm in the admin."""

import csv
import io

import pytest

from msme_platform.core import roles
from policymaker_section.models import AgreementPage, Provision

pytestmark = pytest.mark.django_db

TOTA = "/en/policymakers/trade-agreements/colombia-mexico-tota/"


def download(client, path):
    return b"".join(client.get(path).streaming_content).decode("utf-8-sig")


def test_an_agreement_says_when_its_status_was_recorded_and_that_it_may_have_changed(client):
    html = client.get(TOTA).content.decode()
    assert "in 2016, by the source" in html
    assert "This status was recorded around 2016 and has not been checked since" in html
    curated = client.get("/en/policymakers/trade-agreements/cptpp/").content.decode()
    assert "not recorded" in curated and "may have changed" not in curated


def test_rule_based_categories_and_quotations_show_what_they_are(client):
    html = client.get(TOTA).content.decode()
    assert "provisional category" in html
    assert "has not yet been confirmed by a delegate" in html
    # A Spanish quotation is marked as Spanish, on the English page and the French one.
    assert '<blockquote lang="es">' in html
    assert "Quoted from the treaty text, in Spanish." in html
    french = client.get(TOTA.replace("/en/", "/fr/")).content.decode()
    assert '<blockquote lang="es">' in french
    assert "Cité d'après le texte du traité, en espagnol." in french
    assert "catégorie provisoire" in french


def test_exports_carry_the_new_columns(client):
    agreements = download(client, "/en/policymakers/trade-agreements/export/csv/")
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(agreements))}
    assert rows["colombia-mexico-tota"]["status_recorded_year"] == "2016"
    assert rows["colombia-mexico-tota"]["wto_rta_id"]
    assert rows["cptpp"]["status_recorded_year"] == ""
    provisions = download(client, "/en/policymakers/trade-agreements/provisions/export/csv/")
    exported = list(csv.DictReader(io.StringIO(provisions)))
    quoted = [row for row in exported if row["agreement_code"] == "colombia-mexico-tota"]
    assert quoted and all(row["excerpt_language"] == "es" for row in quoted)
    assert {row["category_provisional"] for row in quoted} == {"yes"}
    english = Provision.objects.filter(page__locale__language_code="en")
    assert sum(row["category_provisional"] == "yes" for row in exported) == (
        english.filter(category_provisional=True).count()
    )


def test_delegates_find_the_categories_to_confirm_and_confirming_one_counts(client, person):
    client.force_login(person("delegate", roles.DELEGATES))
    english = Provision.objects.filter(page__locale__language_code="en")
    provisional = english.filter(category_provisional=True).count()
    assert provisional > 150
    dashboard = client.get("/admin/").content.decode()
    assert f"{provisional} provisions with a provisional category to confirm" in dashboard
    report = client.get("/admin/reports/provision-categories/").content.decode()
    assert f"{provisional} provisions." in report
    one = english.filter(category_provisional=True).order_by("page__title", "sort_order").first()
    assert f"/admin/pages/{one.page_id}/edit/" in report
    Provision.objects.filter(pk=one.pk).update(category_provisional=False)
    confirmed = client.get("/admin/reports/provision-categories/", {"state": "confirmed"})
    assert f"{english.count() - provisional + 1} provisions." in confirmed.content.decode()


def test_observers_cannot_open_the_report(client, person):
    client.force_login(person("observer", roles.OBSERVERS))
    response = client.get("/admin/reports/provision-categories/")
    assert response.status_code in (302, 403)


def test_reimporting_keeps_a_category_a_delegate_confirmed():
    from msme_platform.core.importing import IMPORTERS
    from msme_platform.core.starter import STARTER_DATA

    provision = Provision.objects.filter(
        page__locale__language_code="en", category_provisional=True
    ).first()
    Provision.objects.filter(pk=provision.pk).update(category_provisional=False)
    IMPORTERS["provisions"]().read(STARTER_DATA / "rta_provisions.csv").apply()
    provision.refresh_from_db()
    assert provision.category_provisional is False
    assert AgreementPage.objects.filter(pk=provision.page_id).exists()
