"""The permission matrix: every role against every admin area, as crafted requests.

Each area is one request (or a short sequence) sent straight to a URL with the test client,
not through the admin's buttons, and judged by its effect: a GET is allowed when it answers
200, a POST when the change it asks for really happened. Anything refused must not have
changed anything and must not show personal data. The kinds of request in Wagtail's past
security advisories are here: a crafted POST that changes a field the form does not offer,
previews and revisions of a page without permission, deleting the form submissions of
another page, and publishing without the publish permission.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from msme_platform.core import roles
from msme_platform.core.models import Country, ErrorReport, SiteSettings
from msme_section.models import NationalProgrammePage
from surveys.models import ForumPost, SurveyIndexPage, SurveyResponse
from tests.surveys.factories import (
    DialogueForumPageFactory,
    SurveyFormFieldFactory,
    SurveyPageFactory,
)
from tests.utils import sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"
GROUPS = {
    "delegate": roles.DELEGATES,
    "reviewer": roles.REVIEWERS,
    "secretariat": roles.SECRETARIAT,
    "observer": roles.OBSERVERS,
}
ROLES = [*GROUPS, "anonymous"]
SECRET_EMAIL = "respondent-secret@example.org"


@pytest.fixture(scope="module")
def staff(django_db_setup, django_db_blocker):
    """One user per role for the whole module (each test signs in afresh)."""
    User = get_user_model()
    with django_db_blocker.unblock():
        users = {}
        for role, group in GROUPS.items():
            user = User.objects.create_user(f"matrix-{role}", f"{role}@example.org", PASSWORD)
            user.groups.add(Group.objects.get(name=group))
            users[role] = user
    yield users
    with django_db_blocker.unblock():
        User.objects.filter(username__startswith="matrix-").delete()


class World:
    """What the requests act on, made inside each test's transaction."""

    def __init__(self):
        english = Locale.get_default()
        self.programme = NationalProgrammePage.objects.live().filter(locale=english).first()
        self.draft = self.programme.save_revision()  # unpublished changes to preview
        # A country no record refers to, so deleting it is a matter of permission only.
        self.country = Country.objects.create(iso3="QQM", name="Matrixland", locale=english)
        surveys = SurveyIndexPage.objects.get(locale=english)
        self.survey = SurveyPageFactory(parent=surveys)
        for order, (name, kind) in enumerate([("story", "multiline"), ("email", "email")]):
            SurveyFormFieldFactory(
                page=self.survey, clean_name=name, label=name, field_type=kind, sort_order=order
            )
        self.other_survey = SurveyPageFactory(parent=surveys)
        self.response = SurveyResponse.objects.create(
            page=self.survey, form_data={"story": "We export coffee.", "email": SECRET_EMAIL}
        )
        self.other_response = SurveyResponse.objects.create(
            page=self.other_survey, form_data={"story": "Another survey's answer."}
        )
        self.forum = DialogueForumPageFactory(parent=surveys)
        self.post = ForumPost.objects.create(page=self.forum, name="Ana", text="Customs delays.")
        self.report = ErrorReport.objects.create(
            page=self.programme, message="Agency renamed", email=SECRET_EMAIL
        )

    def submit_for_review(self, user):
        """A revision waiting in the "Group review" workflow, as a delegate leaves it."""
        page = NationalProgrammePage.objects.get(pk=self.programme.pk)
        page.title = "Waiting for review"
        revision = page.save_revision(user=user)
        page.get_workflow().start(page, user)
        page.refresh_from_db()
        return revision, page.current_workflow_task_state


def page_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "search_description": page.search_description,
        "country": page.country_id,
        "agency": page.agency,
        "programme_type": page.programme_type,
        "for_micro": "on",
        "for_small": "on",
        "eligibility": rich_text(page.eligibility or "<p>Any firm.</p>"),
        "sectors": page.sectors,
        "link": page.link,
        "source_url": page.source_url,
        "last_verified": "",
        "verified_by": "",
    }
    data.update(changes)
    return nested_form_data(data)


def ok(response):
    return response.status_code == 200


def snippet_url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


# --- The areas: each returns True when the request was allowed (did what it asked).


def page_edit_view(client, w, users):
    return ok(client.get(reverse("wagtailadmin_pages:edit", args=[w.programme.pk])))


def page_add_view(client, w, users):
    parent = w.programme.get_parent()
    url = reverse(
        "wagtailadmin_pages:add", args=["msme_section", "nationalprogrammepage", parent.pk]
    )
    return ok(client.get(url))


def page_save_draft(client, w, users):
    url = reverse("wagtailadmin_pages:edit", args=[w.programme.pk])
    client.post(url, page_form(w.programme, title="Draft by matrix"))
    page = NationalProgrammePage.objects.get(pk=w.programme.pk)
    return page.get_latest_revision_as_object().title == "Draft by matrix"


def page_publish_crafted(client, w, users):
    """``action-publish`` in a POST from someone who has no publish button."""
    url = reverse("wagtailadmin_pages:edit", args=[w.programme.pk])
    data = page_form(w.programme, title="Published by matrix")
    data["action-publish"] = "action-publish"
    client.post(url, data)
    return NationalProgrammePage.objects.get(pk=w.programme.pk).title == "Published by matrix"


def page_delete(client, w, users):
    client.post(reverse("wagtailadmin_pages:delete", args=[w.programme.pk]))
    return not Page.objects.filter(pk=w.programme.pk).exists()


def page_copy(client, w, users):
    url = reverse("wagtailadmin_pages:copy", args=[w.programme.pk])
    data = {
        "new_title": "Copied by matrix",
        "new_slug": "copied-by-matrix",
        "new_parent_page": w.programme.get_parent().pk,
    }
    client.post(url, data)
    return Page.objects.filter(slug="copied-by-matrix").exists()


def page_move(client, w, users):
    target = w.programme.get_parent().get_parent()
    url = reverse("wagtailadmin_pages:move_confirm", args=[w.programme.pk, target.pk])
    client.post(url)
    return Page.objects.get(pk=w.programme.pk).get_parent().pk == target.pk


def page_unpublish(client, w, users):
    client.post(reverse("wagtailadmin_pages:unpublish", args=[w.programme.pk]))
    return not Page.objects.get(pk=w.programme.pk).live


def page_view_draft(client, w, users):
    return ok(client.get(reverse("wagtailadmin_pages:view_draft", args=[w.programme.pk])))


def page_preview_on_edit(client, w, users):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[w.programme.pk])
    posted = client.post(url, page_form(w.programme, title="Previewed by matrix"))
    if posted.status_code != 200:
        return False
    shown = client.get(url)
    return ok(shown) and "Previewed by matrix" in shown.content.decode()


def page_revision_view(client, w, users):
    url = reverse("wagtailadmin_pages:revisions_view", args=[w.programme.pk, w.draft.pk])
    return ok(client.get(url))


def page_revisions_compare(client, w, users):
    url = reverse("wagtailadmin_pages:revisions_compare", args=[w.programme.pk, "live", w.draft.pk])
    return ok(client.get(url))


def page_history(client, w, users):
    return ok(client.get(reverse("wagtailadmin_pages:history", args=[w.programme.pk])))


def page_set_privacy(client, w, users):
    url = reverse("wagtailadmin_pages:set_privacy", args=[w.programme.pk])
    client.post(url, {"restriction_type": "password", "password": "letmein1234"})
    return Page.objects.get(pk=w.programme.pk).get_view_restrictions().exists()


def workflow_approve(client, w, users):
    _revision, task_state = w.submit_for_review(users["delegate"])
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[w.programme.pk, "approve", task_state.pk]
    )
    client.post(url, {"comment": "Fine."})
    return NationalProgrammePage.objects.get(pk=w.programme.pk).title == "Waiting for review"


def country_list(client, w, users):
    return ok(client.get(snippet_url(Country, "list")))


def country_edit(client, w, users):
    url = snippet_url(Country, "edit", w.country.pk)
    data = {
        "name": "Matrixland (edited)",
        "iso3": "QQM",
        "region": w.country.region_id or "",
        "wto_status": w.country.wto_status,
        "wto_member_since": "",
        "wto_member_since_year": "",
        "source_url": w.country.source_url,
        "last_verified": "",
        "verified_by": "",
        "verification": "",
        "note": "",
        "locale": w.country.locale_id,
    }
    client.post(url, data)
    return Country.objects.get(pk=w.country.pk).name == "Matrixland (edited)"


def country_delete(client, w, users):
    client.post(snippet_url(Country, "delete", w.country.pk))
    return not Country.objects.filter(pk=w.country.pk).exists()


def import_upload(client, w, users):
    return ok(client.get(reverse("msme_import")))


def responses_list(client, w, users):
    response = client.get(snippet_url(SurveyResponse, "list"))
    return ok(response)


def response_personal_data(client, w, users):
    response = client.get(snippet_url(SurveyResponse, "inspect", w.response.pk))
    return ok(response) and SECRET_EMAIL in response.content.decode()


def responses_export(client, w, users):
    response = client.get(snippet_url(SurveyResponse, "list"), {"export": "csv"})
    return ok(response) and SECRET_EMAIL in b"".join(response.streaming_content).decode()


def response_approve(client, w, users):
    client.post(snippet_url(SurveyResponse, "edit", w.response.pk), {"status": "approved"})
    return SurveyResponse.objects.get(pk=w.response.pk).status == "approved"


def response_rewrite_answers(client, w, users):
    """A crafted POST carrying a field the moderation form does not offer."""
    client.post(
        snippet_url(SurveyResponse, "edit", w.response.pk),
        {"status": "approved", "form_data": '{"story": "rewritten"}', "page": w.other_survey.pk},
    )
    stored = SurveyResponse.objects.get(pk=w.response.pk)
    return stored.form_data.get("story") == "rewritten" or stored.page_id != w.survey.pk


def forum_posts_list(client, w, users):
    return ok(client.get(snippet_url(ForumPost, "list")))


def forum_posts_export(client, w, users):
    response = client.get(snippet_url(ForumPost, "list"), {"export": "csv"})
    return ok(response) and "Customs delays." in b"".join(response.streaming_content).decode()


def forum_post_approve(client, w, users):
    client.post(snippet_url(ForumPost, "edit", w.post.pk), {"status": "approved"})
    return ForumPost.objects.get(pk=w.post.pk).status == "approved"


def form_submissions_list(client, w, users):
    response = client.get(reverse("wagtailforms:list_submissions", args=[w.survey.pk]))
    return ok(response) and "We export coffee." in response.content.decode()


def form_submissions_delete(client, w, users):
    url = reverse("wagtailforms:delete_submissions", args=[w.survey.pk])
    client.post(f"{url}?selected-submissions={w.response.pk}")
    return not SurveyResponse.objects.filter(pk=w.response.pk).exists()


def form_submissions_delete_other_page(client, w, users):
    """Submission ids of one survey sent to the delete view of another."""
    url = reverse("wagtailforms:delete_submissions", args=[w.survey.pk])
    client.post(f"{url}?selected-submissions={w.other_response.pk}")
    return not SurveyResponse.objects.filter(pk=w.other_response.pk).exists()


def error_reports_list(client, w, users):
    response = client.get(reverse("error_reports:index"))
    return ok(response) and "Agency renamed" in response.content.decode()


def error_report_personal_data(client, w, users):
    response = client.get(reverse("error_reports:inspect", args=[w.report.pk]))
    return ok(response) and SECRET_EMAIL in response.content.decode()


def error_report_resolve(client, w, users):
    client.post(
        reverse("error_reports:edit", args=[w.report.pk]),
        {"status": "resolved", "note": "", "email": "changed@example.org"},
    )
    return ErrorReport.objects.get(pk=w.report.pk).status == "resolved"


def error_report_rewrite_email(client, w, users):
    """The queue's form offers status and note only: a crafted e-mail must be ignored."""
    client.post(
        reverse("error_reports:edit", args=[w.report.pk]),
        {"status": "resolved", "note": "", "email": "changed@example.org", "message": "x"},
    )
    stored = ErrorReport.objects.get(pk=w.report.pk)
    return stored.email != SECRET_EMAIL or stored.message != "Agency renamed"


def stale_report(client, w, users):
    return ok(client.get(reverse("msme_stale_records")))


def site_history_report(client, w, users):
    return ok(client.get(reverse("wagtailadmin_reports:site_history")))


def site_settings(client, w, users):
    settings = SiteSettings.for_site(w.programme.get_site())
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", settings.site_id])
    client.post(url, {"contact_email": "crafted@example.org"})
    return SiteSettings.objects.filter(contact_email="crafted@example.org").exists()


def users_list(client, w, users):
    return ok(client.get(reverse("wagtailusers_users:index")))


def make_self_superuser(client, w, users):
    for user in users.values():
        client.post(
            reverse("wagtailusers_users:edit", args=[user.pk]),
            {"username": user.username, "email": user.email, "is_superuser": "on"},
        )
    return (
        get_user_model().objects.filter(username__startswith="matrix-", is_superuser=True).exists()
    )


def groups_list(client, w, users):
    return ok(client.get(reverse("wagtailusers_groups:index")))


EDITORS = {"delegate", "reviewer", "secretariat"}
PUBLISHERS = {"reviewer", "secretariat"}
STAFF = {"delegate", "reviewer", "secretariat", "observer"}
SECRETARIAT = {"secretariat"}
NOBODY = set()

# area: (check, roles allowed)
MATRIX = {
    "page: edit view": (page_edit_view, EDITORS),
    "page: add view": (page_add_view, EDITORS),
    "page: save a draft": (page_save_draft, EDITORS),
    "page: crafted action-publish": (page_publish_crafted, PUBLISHERS),
    # Wagtail's rule: whoever may publish may delete a page without children; nobody here
    # has the bulk delete permission, so no role can delete a page with children.
    "page: delete": (page_delete, PUBLISHERS),
    "page: copy": (page_copy, EDITORS),
    "page: move": (page_move, NOBODY),
    "page: unpublish": (page_unpublish, PUBLISHERS),
    "page: view draft": (page_view_draft, EDITORS),
    "page: preview on edit": (page_preview_on_edit, EDITORS),
    "page: read a revision": (page_revision_view, EDITORS),
    "page: compare revisions": (page_revisions_compare, EDITORS),
    "page: history": (page_history, EDITORS),
    "page: set privacy": (page_set_privacy, PUBLISHERS),
    "workflow: approve a task": (workflow_approve, PUBLISHERS),
    "taxonomy: list countries": (country_list, STAFF),
    "taxonomy: edit a country": (country_edit, EDITORS),
    "taxonomy: delete a country": (country_delete, SECRETARIAT),
    "import: upload form": (import_upload, EDITORS),
    "moderation: list survey responses": (responses_list, SECRETARIAT),
    "moderation: a response's personal data": (response_personal_data, SECRETARIAT),
    "moderation: export responses (CSV)": (responses_export, SECRETARIAT),
    "moderation: approve a response": (response_approve, SECRETARIAT),
    "moderation: crafted POST rewriting answers": (response_rewrite_answers, NOBODY),
    "moderation: list forum posts": (forum_posts_list, SECRETARIAT),
    "moderation: export forum posts (CSV)": (forum_posts_export, SECRETARIAT),
    "moderation: approve a forum post": (forum_post_approve, SECRETARIAT),
    "form submissions: list a survey's": (form_submissions_list, SECRETARIAT),
    "form submissions: delete a survey's": (form_submissions_delete, SECRETARIAT),
    "form submissions: delete another page's": (form_submissions_delete_other_page, NOBODY),
    "error reports: list": (error_reports_list, SECRETARIAT),
    "error reports: visitor's e-mail": (error_report_personal_data, SECRETARIAT),
    "error reports: resolve": (error_report_resolve, SECRETARIAT),
    "error reports: crafted POST rewriting e-mail": (error_report_rewrite_email, NOBODY),
    "reports: records to check": (stale_report, STAFF),
    # Each role sees the entries of what it may see (observers: the taxonomy).
    "reports: site history": (site_history_report, STAFF),
    "settings: site settings": (site_settings, SECRETARIAT),
    "users: list": (users_list, NOBODY),
    "users: crafted POST making oneself superuser": (make_self_superuser, NOBODY),
    "groups: list": (groups_list, NOBODY),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("area", list(MATRIX))
def test_permission_matrix(client, staff, role, area):
    check, allowed_roles = MATRIX[area]
    world = World()
    if role != "anonymous":
        sign_in(client, staff[role], PASSWORD)
    allowed = check(client, world, staff)
    expected = role in allowed_roles
    assert allowed == expected, f"{role} / {area}: {'allowed' if allowed else 'refused'}"


@pytest.mark.parametrize("role", ROLES)
def test_refusals_never_leak_personal_data_or_fail(client, staff, role):
    """Every refused GET answers 302 (to sign in) or 403, never 500, never the data."""
    world = World()
    if role != "anonymous":
        sign_in(client, staff[role], PASSWORD)
    urls = [
        snippet_url(SurveyResponse, "inspect", world.response.pk),
        snippet_url(SurveyResponse, "list") + "?export=csv",
        reverse("error_reports:inspect", args=[world.report.pk]),
        reverse("wagtailforms:list_submissions", args=[world.survey.pk]),
    ]
    for url in urls:
        response = client.get(url)
        if role == "secretariat":
            assert response.status_code == 200, url
            continue
        assert response.status_code in (302, 403), (url, response.status_code)
        body = b"" if response.streaming else response.content
        assert SECRET_EMAIL.encode() not in body and b"We export coffee." not in body
        if role == "anonymous":
            assert "/admin/login/" in response["Location"]
