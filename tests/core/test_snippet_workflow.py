"""Snippets with visitor text go through "Group review" too: delegates submit, reviewers publish."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Workflow

from msme_platform.core import roles
from msme_section.models import Resource
from policymaker_section import catalogue
from policymaker_section.models import ProvisionCategory
from tests.utils import sign_in

pytestmark = pytest.mark.django_db

RESOURCES_PAGE = "/en/msmes/resources/"
NAME = "Export readiness checklist (draft under review)"


def resource_data(action, name=NAME):
    return {
        "name": name,
        "organisation": "",
        "url": "",
        "description": "A short list of what to check before a first shipment.",
        "need": "learn",
        "audience": "both",
        "source_url": "",
        "last_verified": "",
        "verified_by": "",
        action: "1",
    }


def add_resource(client, action, name=NAME):
    url = reverse("wagtailsnippets_msme_section_resource:add") + "?locale=en"
    return client.post(url, resource_data(action, name))


def test_existing_resources_and_categories_are_live_under_the_workflow():
    review = Workflow.objects.get(name="Group review")
    for model in (Resource, ProvisionCategory):
        assert model.objects.exists()
        assert not model.objects.filter(live=False).exists()
        assert model.objects.first().get_workflow() == review


def test_submitted_resource_waits_for_a_reviewer_then_visitors_see_it(client, person):
    client.force_login(person("delegate", roles.DELEGATES))
    response = add_resource(client, "action-submit")
    assert response.status_code == 302

    resource = Resource.objects.get(name=NAME)
    assert not resource.live
    state = resource.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert NAME not in client.get(RESOURCES_PAGE).content.decode()

    sign_in(client, person("reviewer", roles.REVIEWERS))
    approve = reverse(
        "wagtailsnippets_msme_section_resource:workflow_action",
        args=[resource.pk, "approve", resource.current_workflow_task_state.pk],
    )
    assert client.post(approve, {"comment": "Checked the address."}).status_code == 302

    resource.refresh_from_db()
    assert resource.live
    client.logout()
    assert NAME in client.get(RESOURCES_PAGE).content.decode()


def test_a_delegate_cannot_publish_a_resource_with_a_crafted_post(client, person):
    client.force_login(person("delegate", roles.DELEGATES))
    form = client.get(reverse("wagtailsnippets_msme_section_resource:add") + "?locale=en")
    assert 'name="action-submit"' in form.content.decode()
    assert 'name="action-publish"' not in form.content.decode()
    add_resource(client, "action-publish")
    assert not Resource.objects.filter(name=NAME, live=True).exists()
    assert NAME not in client.get(RESOURCES_PAGE).content.decode()


def test_a_delegate_edit_to_a_live_resource_stays_a_draft(client, person):
    live = Resource.objects.filter(live=True, locale=Locale.get_default()).first()
    client.force_login(person("delegate", roles.DELEGATES))
    edit = reverse("wagtailsnippets_msme_section_resource:edit", args=[live.pk])
    data = resource_data("action-publish", name="Renamed without review")
    data.update(need=live.need, audience=live.audience)
    client.post(edit, data)
    client.post(edit, {**data, "action-submit": "1"})
    live.refresh_from_db()
    assert live.live and live.name != "Renamed without review"
    assert "Renamed without review" not in client.get(RESOURCES_PAGE).content.decode()


def test_secretariat_can_publish_a_resource_directly(client, person):
    sign_in(client, person("secretary", roles.SECRETARIAT))
    form = client.get(reverse("wagtailsnippets_msme_section_resource:add") + "?locale=en")
    assert 'name="action-publish"' in form.content.decode()
    add_resource(client, "action-publish")
    assert Resource.objects.get(name=NAME).live
    client.logout()
    assert NAME in client.get(RESOURCES_PAGE).content.decode()


def test_a_draft_provision_category_is_not_offered_to_visitors(client, person):
    client.force_login(person("delegate", roles.DELEGATES))
    url = reverse("wagtailsnippets_policymaker_section_provisioncategory:add") + "?locale=en"
    client.post(
        url,
        {
            "name": "Draft category under review",
            "code": "DRAFT_UNDER_REVIEW",
            "group": ProvisionCategory.objects.first().group,
            "description": "Not yet reviewed.",
            "source_url": "",
            "last_verified": "",
            "verified_by": "",
            "sort_order": "0",
            "action-publish": "1",
        },
    )
    category = ProvisionCategory.objects.get(code="DRAFT_UNDER_REVIEW")
    assert not category.live
    codes = {c.code for c in catalogue.categories_for(Locale.get_default().pk)}
    assert "DRAFT_UNDER_REVIEW" not in codes
    assert ProvisionCategory.objects.filter(live=True).first().code in codes


def test_only_those_who_may_publish_can_bulk_import_resources(client, person):
    """An import writes live records, so a delegate's import would skip the review."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from msme_section.importers import ResourceImporter

    delegate = person("delegate", roles.DELEGATES)
    assert not ResourceImporter.user_can_import(delegate)
    assert ResourceImporter.user_can_import(person("reviewer", roles.REVIEWERS))
    client.force_login(delegate)
    data = (
        "name,organisation,url,url_seen,description,audience,source_url\r\n"
        f"{NAME},,,no,A short list of what to check.,both,\r\n"
    ).encode()
    client.post(
        "/admin/import/",
        {"kind": "resources", "file": SimpleUploadedFile("r.csv", data, "text/csv")},
    )
    client.post("/admin/import/", {"kind": "resources", "confirm": "1"})
    assert not Resource.objects.filter(name=NAME).exists()
