"""Review before publishing: delegates submit, reviewers approve, nothing goes live unseen."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from msme_platform.core import roles
from msme_platform.core.models import StandardPage
from tests.utils import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def about():
    return StandardPage.objects.get(slug="about", locale=Locale.get_default())


def edit_data(page, title, action):
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "search_description": page.search_description,
            "body": streamfield([("paragraph", rich_text("<p>Updated by a delegate.</p>"))]),
        }
    )
    data[action] = "1"
    return data


def test_every_page_is_under_the_group_review_workflow(about):
    assert about.get_workflow() == Workflow.objects.get(name="Group review")


def test_delegate_cannot_publish_directly(client, person, about):
    client.force_login(person("delegate", roles.DELEGATES))
    url = reverse("wagtailadmin_pages:edit", args=[about.pk])
    client.post(url, edit_data(about, "Published without review", "action-publish"))
    about.refresh_from_db()
    assert about.title == "About the platform"
    assert client.get("/en/about/").content.decode().count("Published without review") == 0


def test_submitted_change_waits_for_a_reviewer_then_goes_live(client, person, about):
    delegate = person("delegate", roles.DELEGATES)
    reviewer = person("reviewer", roles.REVIEWERS)
    client.force_login(delegate)
    url = reverse("wagtailadmin_pages:edit", args=[about.pk])
    client.post(url, edit_data(about, "About the platform (reviewed)", "action-submit"))

    about.refresh_from_db()
    state = about.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert "(reviewed)" not in client.get("/en/about/").content.decode()
    assert any("reviewer@example.org" in message.to for message in mail.outbox)

    sign_in(client, reviewer)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[about.pk, "approve", about.current_workflow_task_state.pk],
    )
    response = client.post(approve, {"comment": "Checked against the source."})
    assert response.status_code == 302
    assert "About the platform (reviewed)" in client.get("/en/about/").content.decode()


def test_observers_cannot_edit_pages(client, person, about):
    client.force_login(person("observer", roles.OBSERVERS))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[about.pk]))
    assert response.status_code in (302, 403)


def test_scheduled_publishing_runs_from_the_command(about):
    about.title = "About the platform, from next week"
    revision = about.save_revision(
        approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert StandardPage.objects.get(pk=about.pk).title == "About the platform"
    call_command("publish_scheduled")
    assert StandardPage.objects.get(pk=about.pk).title.endswith("from next week")
    assert revision.pk == StandardPage.objects.get(pk=about.pk).live_revision_id
