"""The moderation queue in the Wagtail admin: survey responses and forum posts.

Snippet view sets, because snippets bring filters, an inspect (detail) view, CSV and XLSX
export of the filtered list and bulk actions. Every view needs a model permission that
only the Secretariat holds (migration 0002), so other roles are refused. Nobody, not even
a superuser, adds a response or a post here: they come from visitors only.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from msme_platform.core.models import Country

from .enums import ModerationStatus
from .models import DialogueForumPage, ForumPost, SurveyPage, SurveyResponse


def country_choices():
    return list(
        Country.objects.filter(locale__language_code="en")
        .order_by("name")
        .values_list("iso3", "name")
    )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """Respondents' text must not run as a formula when the CSV opens in a spreadsheet
    (Wagtail already guards XLSX cells, not CSV ones)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class VisitorSubmissionPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, less "add" for everyone: the admin shows no Add button and
    its add view refuses, whatever permissions a group or a superuser holds."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action != "add"]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


for submission_model in (SurveyResponse, ForumPost):
    register_permission_policy(
        submission_model, VisitorSubmissionPermissionPolicy(submission_model), exact_class=True
    )


class ExportIndexView(IndexView):
    custom_value_preprocess = {**IndexView.custom_value_preprocess, str: {"csv": csv_safe}}


class SurveyResponseFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label=_("Survey"), queryset=SurveyPage.objects.order_by("title", "locale_id")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ModerationStatus.choices)
    country_code = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices)
    submit_time = django_filters.DateFromToRangeFilter(
        label=_("Received"), widget=DateRangePickerWidget
    )

    class Meta:
        model = SurveyResponse
        fields = ["page", "status", "country_code", "submit_time"]


class ForumPostFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label=_("Forum"), queryset=DialogueForumPage.objects.order_by("title", "locale_id")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ModerationStatus.choices)
    country_code = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices)
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Posted"), widget=DateRangePickerWidget
    )

    class Meta:
        model = ForumPost
        fields = ["page", "status", "country_code", "created_at"]


class SurveyResponseViewSet(SnippetViewSet):
    model = SurveyResponse
    index_view_class = ExportIndexView
    icon = "form"
    menu_label = _("Survey responses")
    filterset_class = SurveyResponseFilterSet
    list_display = ["__str__", "page", "status", "country_code", "submit_time", "moderator"]
    list_per_page = 50
    ordering = ["-submit_time", "-pk"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "page",
        "submit_time",
        "status",
        "spam_reason",
        "moderator",
        "moderated_at",
        "consent",
        "consent_text",
        "country_code",
        "enterprise_size",
        "answers_html",
        "client_hash",
    ]
    list_export = [
        "id",
        "page",
        "submit_time",
        "status",
        "moderator",
        "moderated_at",
        "consent",
        "country_code",
        "enterprise_size",
        "answers_text",
    ]
    export_filename = "survey-responses"
    panels = [FieldPanel("status")]
    copy_view_enabled = False

    def get_queryset(self, request):
        return SurveyResponse.objects.select_related("page", "moderator")


class ForumPostViewSet(SnippetViewSet):
    model = ForumPost
    index_view_class = ExportIndexView
    icon = "comment"
    menu_label = _("Forum posts")
    filterset_class = ForumPostFilterSet
    list_display = ["__str__", "page", "status", "is_official", "country_code", "created_at"]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "page",
        "parent",
        "created_at",
        "status",
        "spam_reason",
        "moderator",
        "moderated_at",
        "name",
        "country_code",
        "enterprise_size",
        "text",
        "is_official",
        "author",
        "client_hash",
    ]
    list_export = [
        "id",
        "page",
        "parent_id",
        "created_at",
        "status",
        "name",
        "country_code",
        "enterprise_size",
        "text",
        "is_official",
    ]
    export_filename = "forum-posts"
    panels = [FieldPanel("status")]
    copy_view_enabled = False

    def get_queryset(self, request):
        return ForumPost.objects.select_related("page", "moderator")


class ModerationViewSetGroup(SnippetViewSetGroup):
    items = (SurveyResponseViewSet, ForumPostViewSet)
    menu_icon = "tasks"
    menu_label = _("Moderation")
    menu_name = "moderation"
