"""Every admin action leaves an entry in the audit log, with who did it."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, ModelLogEntry

from msme_platform.core import roles
from msme_platform.core.models import Country, ErrorReport
from msme_section.models import NationalProgrammePage
from surveys.models import ForumPost, SurveyIndexPage, SurveyResponse
from tests.surveys.factories import DialogueForumPageFactory, SurveyPageFactory
from tests.utils import sign_in

pytestmark = pytest.mark.django_db


def entries(action, user, obj):
    return ModelLogEntry.objects.filter(action=action, user=user, object_id=str(obj.pk))


def test_sign_in_is_logged(client, person):
    reviewer = person("reviewer", roles.REVIEWERS)
    sign_in(client, reviewer)
    assert entries("msme.sign_in", reviewer, reviewer).exists()
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "What waits for me" in html


def test_taxonomy_snippet_edit_is_logged(client, person):
    delegate = person("delegate", roles.DELEGATES)
    kenya = Country.objects.get(iso3="KEN", locale=Locale.get_default())
    sign_in(client, delegate)
    url = reverse(Country.snippet_viewset.get_url_name("edit"), args=[kenya.pk])
    response = client.post(
        url,
        {
            "name": "Kenya",
            "iso3": "KEN",
            "region": kenya.region_id,
            "wto_status": kenya.wto_status,
            "wto_member_since": "",
            "wto_member_since_year": "",
            "is_ldc": "",
            "source_url": kenya.source_url,
            "last_verified": "2026-11-27",
            "verified_by": delegate.pk,
            "verification": kenya.verification,
            "note": "Checked against the members page.",
        },
    )
    assert response.status_code == 302
    assert entries("wagtail.edit", delegate, kenya).exists()


@pytest.fixture
def queue():
    index = SurveyIndexPage.objects.get(locale=Locale.get_default())
    survey = SurveyPageFactory(parent=index)
    forum = DialogueForumPageFactory(parent=index)
    return {
        "responses": [
            SurveyResponse.objects.create(page=survey, form_data={"story": f"Answer {n}"})
            for n in range(3)
        ],
        "post": ForumPost.objects.create(page=forum, name="Ana", text="Customs delays."),
    }


@pytest.mark.parametrize("status", ["approve", "reject", "spam"])
def test_bulk_moderation_is_logged_per_item(client, person, queue, status):
    secretariat = person("secretariat", roles.SECRETARIAT)
    sign_in(client, secretariat)
    ids = [r.pk for r in queue["responses"][:2]]
    action = reverse(
        "wagtail_bulk_action", args=("surveys", "surveyresponse", f"moderate-{status}")
    )
    assert client.post(action + "?" + "&".join(f"id={i}" for i in ids), {}).status_code == 302
    for response in queue["responses"][:2]:
        assert entries(f"msme.moderate.{status}", secretariat, response).exists()
    assert not entries(f"msme.moderate.{status}", secretariat, queue["responses"][2]).exists()


def test_single_moderation_of_a_forum_post_is_logged(client, person, queue):
    secretariat = person("secretariat", roles.SECRETARIAT)
    sign_in(client, secretariat)
    post = queue["post"]
    url = reverse(ForumPost.snippet_viewset.get_url_name("edit"), args=[post.pk])
    assert client.post(url, {"status": "approved"}).status_code == 302
    assert entries("msme.moderate.approve", secretariat, post).exists()


def test_error_report_handling_is_logged(client, person):
    secretariat = person("secretariat", roles.SECRETARIAT)
    page = NationalProgrammePage.objects.live().first()
    report = ErrorReport.objects.create(page=page, message="Wrong date")
    sign_in(client, secretariat)
    client.post(
        reverse("error_reports:edit", args=[report.pk]), {"status": "resolved", "note": "Fixed"}
    )
    assert entries("wagtail.edit", secretariat, report).exists()
    assert entries("msme.error_report.resolve", secretariat, report).exists()


def test_the_site_history_report_names_these_actions(client, person, queue):
    secretariat = person("secretariat", roles.SECRETARIAT)
    sign_in(client, secretariat)
    url = reverse(
        SurveyResponse.snippet_viewset.get_url_name("edit"), args=[queue["responses"][0].pk]
    )
    client.post(url, {"status": "spam"})
    html = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Marked as spam" in html
