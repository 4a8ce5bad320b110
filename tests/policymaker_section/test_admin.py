"""Delegates edit agreements, their provisions and the categories in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from msme_platform.core import roles
from msme_platform.core.models import Country
from policymaker_section.models import (
    AgreementIndexPage,
    AgreementPage,
    PolicymakerSectionPage,
    ProvisionCategory,
    TPRIndexPage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "pw-123456789"
    )


def test_database_pages_sit_only_below_the_policymaker_section():
    assert AgreementIndexPage.parent_page_types == ["policymaker_section.PolicymakerSectionPage"]
    assert "policymaker_section.AgreementIndexPage" in PolicymakerSectionPage.subpage_types
    assert "policymaker_section.TPRIndexPage" in PolicymakerSectionPage.subpage_types
    assert AgreementPage.parent_page_types == ["policymaker_section.AgreementIndexPage"]
    assert TPRIndexPage.subpage_types == ["policymaker_section.TPREntryPage"]


def test_a_delegate_adds_an_agreement_with_provisions_and_finds_it_in_the_explorer(client, editor):
    client.force_login(editor)
    index = AgreementIndexPage.objects.get(locale__language_code="en")
    chile, japan = (Country.objects.get(iso3=c, locale__language_code="en") for c in ("CHL", "JPN"))
    committee = ProvisionCategory.objects.get(code="INST_COMMITTEE", locale__language_code="en")
    website = ProvisionCategory.objects.get(code="INFO_WEB", locale__language_code="en")
    data = nested_form_data(
        {
            "title": "Agreement between Chile and Japan on small firms",
            "slug": "chl-jpn-test",
            "search_description": "",
            "code": "chl-jpn-test",
            "short_name": "CL-JP SME",
            "agreement_type": "FTA & EIA",
            "status": "in force",
            "in_force": "on",
            "has_sme_chapter": "true",
            "provisions": inline_formset(
                [
                    {
                        "chapter": "9 SMEs",
                        "article": "9.2 Committee on SMEs",
                        "category": committee.pk,
                        "legal_intensity": "binding",
                        "summary": "Sets up a committee of officials on small firms.",
                    },
                    {
                        "chapter": "9 SMEs",
                        "article": "9.1 Information sharing",
                        "category": website.pk,
                        "legal_intensity": "best-endeavour",
                        "summary": "Each party keeps a website for small exporters.",
                    },
                ]
            ),
            "action-publish": "publish",
        }
    )
    data["parties"] = [chile.pk, japan.pk]  # a multiple choice, not a nested list
    url = reverse("wagtailadmin_pages:add", args=("policymaker_section", "agreementpage", index.pk))
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    page = AgreementPage.objects.get(code="chl-jpn-test")
    assert page.live
    assert [p.article for p in page.provisions.order_by("sort_order")] == [
        "9.2 Committee on SMEs",
        "9.1 Information sharing",
    ]
    client.logout()
    explorer = client.get(
        "/en/policymakers/trade-agreements/provisions/",
        {"party": ["CHL", "JPN"], "category": "INST_COMMITTEE", "intensity": "binding"},
    )
    assert "CL-JP SME: 9.2 Committee on SMEs" in explorer.content.decode()
    listing = client.get(
        "/en/policymakers/trade-agreements/",
        {"party": "CHL", "category": "INST_COMMITTEE", "in_force": "1"},
    )
    assert "chl-jpn-test" in {a.code for a in listing.context["results"]}


def test_a_draft_agreement_stays_out_of_the_lists(client, editor):
    client.force_login(editor)
    index = AgreementIndexPage.objects.get(locale__language_code="en")
    url = reverse("wagtailadmin_pages:add", args=("policymaker_section", "agreementpage", index.pk))
    data = nested_form_data(
        {
            "title": "Draft agreement",
            "slug": "draft-test",
            "code": "draft-test",
            "short_name": "DRAFT-T",
            "agreement_type": "FTA",
            "provisions": inline_formset([]),
        }
    )
    assert client.post(url, data).status_code == 302
    client.logout()
    assert AgreementPage.objects.filter(code="draft-test", live=False).exists()
    response = client.get("/en/policymakers/trade-agreements/", {"q": "DRAFT-T"})
    assert response.context["total"] == 0
    assert client.get("/en/policymakers/trade-agreements/draft-test/").status_code == 404


def test_delegates_may_edit_provision_categories_and_observers_may_not(client, django_user_model):
    category = ProvisionCategory.objects.get(code="INST_COMMITTEE", locale__language_code="en")
    edit_url = reverse(
        "wagtailsnippets_policymaker_section_provisioncategory:edit", args=(category.pk,)
    )
    delegate = django_user_model.objects.create_user("delegate", password="pw-123456789")
    delegate.groups.add(Group.objects.get(name=roles.DELEGATES))
    observer = django_user_model.objects.create_user("observer", password="pw-123456789")
    observer.groups.add(Group.objects.get(name=roles.OBSERVERS))
    client.force_login(delegate)
    assert client.get(edit_url).status_code == 200
    client.force_login(observer)
    response = client.get(edit_url)
    assert response.status_code in (302, 403)
