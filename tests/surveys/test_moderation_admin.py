"""The moderation queue: only the Secretariat sees personal data and moderates."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from surveys.enums import ModerationStatus
from surveys.models import ForumPost, SurveyResponse
from tests.utils import sign_in

from .conftest import answers

pytestmark = pytest.mark.django_db


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


@pytest.fixture
def responses(client, survey):
    client.post(survey.url, answers(story="<script>alert('x')</script> we need buyers"))
    client.post(survey.url, answers(country="FRA", story="Rules"))
    client.post(survey.url, answers(country="FRA", website="spam"))
    return list(SurveyResponse.objects.order_by("pk"))


def login(client, user):
    # Through the login form with a real code: the Secretariat must use two-factor sign-in.
    sign_in(client, user)
    return client


def test_secretariat_sees_queue_filtered_by_survey_status_country(client, secretariat, responses):
    login(client, secretariat)
    listing = client.get(url(SurveyResponse, "list"))
    assert listing.status_code == 200
    filtered = client.get(url(SurveyResponse, "list"), {"status": "new", "country_code": "FRA"})
    assert filtered.status_code == 200
    shown = filtered.context["object_list"]
    assert [r.pk for r in shown] == [responses[1].pk]
    by_survey = client.get(url(SurveyResponse, "list"), {"page": responses[0].page_id})
    assert len(by_survey.context["object_list"]) == 3
    by_date = client.get(
        url(SurveyResponse, "list"),
        {"submit_time_from": "2000-01-01", "submit_time_to": "2000-01-02"},
    )
    assert len(by_date.context["object_list"]) == 0


def test_detail_view_shows_answers_escaped(client, secretariat, responses):
    login(client, secretariat)
    detail = client.get(url(SurveyResponse, "inspect", responses[0].pk))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "we need buyers" in html
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert('x')</script>" not in html


def test_bulk_approve_records_moderator_and_time(client, secretariat, responses):
    login(client, secretariat)
    action = reverse("wagtail_bulk_action", args=("surveys", "surveyresponse", "moderate-approve"))
    ids = [responses[0].pk, responses[1].pk]
    confirm = client.get(action, {"id": ids})
    assert confirm.status_code == 200
    done = client.post(action + "?" + "&".join(f"id={i}" for i in ids), {})
    assert done.status_code == 302
    approved = SurveyResponse.objects.filter(status=ModerationStatus.APPROVED)
    assert set(approved.values_list("pk", flat=True)) == set(ids)
    assert all(r.moderator == secretariat and r.moderated_at for r in approved)


@pytest.mark.parametrize("status", ["reject", "spam"])
def test_bulk_reject_and_spam(client, secretariat, responses, status):
    login(client, secretariat)
    action = reverse(
        "wagtail_bulk_action", args=("surveys", "surveyresponse", f"moderate-{status}")
    )
    client.post(action + f"?id={responses[0].pk}", {})
    responses[0].refresh_from_db()
    assert responses[0].status == {"reject": "rejected", "spam": "spam"}[status]


def test_edit_status_records_moderator(client, secretariat, responses):
    login(client, secretariat)
    client.post(url(SurveyResponse, "edit", responses[0].pk), {"status": "rejected"})
    responses[0].refresh_from_db()
    assert responses[0].status == "rejected"
    assert responses[0].moderator == secretariat


def test_csv_export_of_the_filtered_set(client, secretariat, responses):
    login(client, secretariat)
    export = client.get(url(SurveyResponse, "list"), {"export": "csv", "country_code": "FRA"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 3  # heading + the two French responses
    assert "Rules" in body


def test_xlsx_export(client, secretariat, responses):
    login(client, secretariat)
    export = client.get(url(SurveyResponse, "list"), {"export": "xlsx"})
    assert export.status_code == 200
    content = b"".join(export.streaming_content) if export.streaming else export.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.max_row == 4


def test_dashboard_shows_number_waiting_to_secretariat_only(
    client, secretariat, delegate, responses
):
    login(client, secretariat)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Waiting for moderation" in home
    assert "2 survey responses" in home  # the spam one is not waiting
    client.logout()
    login(client, delegate)
    assert "Waiting for moderation" not in client.get(reverse("wagtailadmin_home")).content.decode()


# Permission boundaries: every role but the Secretariat is refused.
REFUSED_ROLES = ["delegate", "reviewer", "observer"]


def _refused(response):
    return response.status_code in (302, 403) and (
        response.status_code == 403 or "/admin/" in response["Location"]
    )


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_other_roles_cannot_list_responses(client, request, responses, role):
    login(client, request.getfixturevalue(role))
    assert _refused(client.get(url(SurveyResponse, "list")))
    assert _refused(client.get(url(ForumPost, "list")))


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_other_roles_cannot_open_a_response(client, request, responses, role):
    login(client, request.getfixturevalue(role))
    response = client.get(url(SurveyResponse, "inspect", responses[0].pk))
    assert _refused(response)
    assert "we need buyers" not in response.content.decode()


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_other_roles_cannot_export(client, request, responses, role):
    login(client, request.getfixturevalue(role))
    for fmt in ("csv", "xlsx"):
        assert _refused(client.get(url(SurveyResponse, "list"), {"export": fmt}))


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_other_roles_cannot_moderate(client, request, responses, role):
    login(client, request.getfixturevalue(role))
    client.post(url(SurveyResponse, "edit", responses[0].pk), {"status": "approved"})
    action = reverse("wagtail_bulk_action", args=("surveys", "surveyresponse", "moderate-approve"))
    client.post(action + f"?id={responses[0].pk}", {})
    responses[0].refresh_from_db()
    assert responses[0].status == ModerationStatus.NEW


def test_delegate_cannot_read_submissions_through_wagtail_forms(
    client, delegate, survey, responses
):
    """Wagtail's own form submissions pages would show raw answers to page editors."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission, Page

    GroupPagePermission.objects.get_or_create(
        group=delegate.groups.get(),
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="change_page"),
    )
    login(client, delegate)
    listing = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]))
    assert listing.status_code in (302, 403)
    assert "we need buyers" not in listing.content.decode()


def test_secretariat_can_read_submissions_through_wagtail_forms(
    client, secretariat, survey, responses
):
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission, Page

    GroupPagePermission.objects.get_or_create(
        group=secretariat.groups.get(),
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="change_page"),
    )
    login(client, secretariat)
    listing = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]))
    assert listing.status_code == 200


def test_anonymous_visitor_is_sent_to_login(client, responses):
    response = client.get(url(SurveyResponse, "inspect", responses[0].pk))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_csv_export_defuses_spreadsheet_formulas(client, secretariat, survey):
    client.post(survey.url, answers(story='=HYPERLINK("http://evil.example")'))
    login(client, secretariat)
    export = client.get(url(SurveyResponse, "list"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    answers_cell = rows[1][-1]
    assert "Tell us more: =HYPERLINK" in answers_cell  # inside the cell, not at its start
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_forum_csv_export_prefixes_formulas(client, secretariat, forum):
    ForumPost.objects.create(page=forum, name="@evil", text="=1+1", status="new")
    login(client, secretariat)
    export = client.get(url(ForumPost, "list"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert "'=1+1" in rows[1] and "'@evil" in rows[1]


def test_select_all_in_listing_keeps_to_the_filter(client, secretariat, responses):
    login(client, secretariat)
    action = reverse("wagtail_bulk_action", args=("surveys", "surveyresponse", "moderate-reject"))
    client.post(action + "?id=all&country_code=FRA&status=new", {})
    rejected = set(SurveyResponse.objects.filter(status="rejected").values_list("pk", flat=True))
    assert rejected == {responses[1].pk}


def test_delegate_sees_aggregated_results_in_the_admin_without_personal_data(
    client, delegate, survey
):
    for _ in range(6):
        client.post(survey.url, answers(story="my private story"))
    SurveyResponse.objects.update(status=ModerationStatus.APPROVED)
    survey.results_public = False
    survey.save_revision().publish()
    login(client, delegate)
    index = client.get(reverse("surveys_results_index"))
    assert index.status_code == 200 and survey.title in index.content.decode()
    detail = client.get(reverse("surveys_results_detail", args=[survey.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "Based on 6 approved responses." in html
    assert "Kenya" in html
    assert "my private story" not in html


@pytest.mark.parametrize("role", ["reviewer", "observer"])
def test_roles_without_results_permission_are_refused(client, request, survey, role):
    login(client, request.getfixturevalue(role))
    assert _refused(client.get(reverse("surveys_results_detail", args=[survey.pk])))


@pytest.mark.parametrize("model", [SurveyResponse, ForumPost])
def test_nobody_adds_a_visitor_submission_in_the_admin(client, secretariat, responses, model):
    # Responses and posts come from visitors only: no Add button, and the add view refuses.
    login(client, secretariat)
    listing = client.get(url(model, "list"))
    assert listing.status_code == 200
    add_url = url(model, "add")
    assert add_url not in listing.content.decode()
    before = model.objects.count()
    assert client.get(add_url).status_code in (302, 403)
    assert client.post(add_url, {"status": ModerationStatus.APPROVED}).status_code in (302, 403)
    assert model.objects.count() == before


@pytest.mark.parametrize("model", [SurveyResponse, ForumPost])
def test_not_even_a_superuser_adds_a_visitor_submission(client, admin_user, model):
    client.force_login(admin_user)
    listing = client.get(url(model, "list"))
    assert listing.status_code == 200
    assert url(model, "add") not in listing.content.decode()
    assert client.get(url(model, "add")).status_code in (302, 403)
