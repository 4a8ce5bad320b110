from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet

from . import admin_views
from .bulk_actions import (
    MODERATION_ACTIONS,
    ApproveBulkAction,
    RejectBulkAction,
    SpamBulkAction,
    moderation_action,
)
from .models import ForumPost, SurveyResponse
from .viewsets import ModerationViewSetGroup

register_snippet(ModerationViewSetGroup)

for action in (ApproveBulkAction, RejectBulkAction, SpamBulkAction):
    hooks.register("register_bulk_action", action)


def can_moderate(user):
    return user.has_perm("surveys.change_surveyresponse")


class WaitingForModerationPanel(Component):
    name = "surveys_waiting"
    order = 90

    def render_html(self, parent_context=None):
        responses = SurveyResponse.objects.waiting().count()
        posts = ForumPost.objects.waiting().count()
        return format_html(
            '<section class="w-panel" aria-labelledby="surveys-waiting-heading">'
            '<h2 id="surveys-waiting-heading">{}</h2><ul>'
            '<li><a href="{}?status=new">{}</a></li><li><a href="{}?status=new">{}</a></li>'
            "</ul></section>",
            _("Waiting for moderation"),
            _list_url(SurveyResponse),
            ngettext("%(count)d survey response", "%(count)d survey responses", responses)
            % {"count": responses},
            _list_url(ForumPost),
            ngettext("%(count)d forum post", "%(count)d forum posts", posts) % {"count": posts},
        )


def _list_url(model):
    return reverse(model.snippet_viewset.get_url_name("list"))


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if can_moderate(request.user):
        panels.append(WaitingForModerationPanel())


@hooks.register("filter_form_submissions_for_user")
def only_secretariat_sees_submissions(user, editable_forms):
    """Wagtail's own "Forms" pages list raw submissions to anyone who may edit the page:
    here only the Secretariat (who may see personal data) gets them."""
    if user.has_perm("surveys.view_surveyresponse"):
        return editable_forms
    return editable_forms.none()


@hooks.register("after_edit_snippet")
def record_moderator(request, instance):
    if isinstance(instance, SurveyResponse | ForumPost):
        type(instance).objects.filter(pk=instance.pk).update(
            moderator=request.user, moderated_at=timezone.now()
        )
        if instance.status in MODERATION_ACTIONS:
            log(instance=instance, action=moderation_action(instance.status), user=request.user)


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for action, label, message in MODERATION_ACTIONS.values():
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def results_urls():
    return [
        path("survey-results/", admin_views.results_index, name="surveys_results_index"),
        path("survey-results/<int:pk>/", admin_views.results_detail, name="surveys_results_detail"),
    ]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("surveys.view_results")


@hooks.register("register_admin_menu_item")
def results_menu_item():
    return ResultsMenuItem(
        gettext_lazy("Survey results"),
        reverse("surveys_results_index"),
        icon_name="form",
        order=250,
    )
