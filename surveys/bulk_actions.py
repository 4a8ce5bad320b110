"""Approve, reject or mark as spam many responses or posts at once."""

from django.db import transaction
from django.utils import timezone
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .enums import ModerationStatus
from .models import ForumPost, SurveyResponse
from .viewsets import ForumPostFilterSet, SurveyResponseFilterSet

# Audit log actions, one per moderation outcome (registered in wagtail_hooks).
MODERATION_ACTIONS = {
    ModerationStatus.APPROVED: ("msme.moderate.approve", _("Approve"), _("Approved")),
    ModerationStatus.REJECTED: ("msme.moderate.reject", _("Reject"), _("Rejected")),
    ModerationStatus.SPAM: ("msme.moderate.spam", _("Mark as spam"), _("Marked as spam")),
}


def moderation_action(status):
    return MODERATION_ACTIONS[status][0]


class ModerateBulkAction(SnippetBulkAction):
    template_name = "surveys/admin/confirm_bulk_moderate.html"
    status = None

    @classproperty
    def models(cls):
        return [SurveyResponse, ForumPost]

    def get_all_objects_in_listing_query(self, parent_id):
        """ "Select all in listing": only what the listing's filters select (when the
        request carries them), never more; the confirmation page lists every item."""
        filterset_class = {
            "surveyresponse": SurveyResponseFilterSet,
            "forumpost": ForumPostFilterSet,
        }[self.model._meta.model_name]
        filterset = filterset_class(self.request.GET, queryset=self.model.objects.all())
        return filterset.qs.values_list("pk", flat=True)

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", obj
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_label"] = self.display_name
        return context

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        model = kwargs["self"].model
        with transaction.atomic():
            count = model.objects.filter(pk__in=[obj.pk for obj in objects]).update(
                status=cls.status, moderator=user, moderated_at=timezone.now()
            )
            for obj in objects:
                obj.status = cls.status
                log(instance=obj, action=moderation_action(cls.status), user=user)
        return count, 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d item marked “%(status)s”.",
            "%(count)d items marked “%(status)s”.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": ModerationStatus(self.status).label}


class ApproveBulkAction(ModerateBulkAction):
    display_name = _("Approve")
    action_type = "moderate-approve"
    aria_label = _("Approve the selected items")
    action_priority = 10
    status = ModerationStatus.APPROVED


class RejectBulkAction(ModerateBulkAction):
    display_name = _("Reject")
    action_type = "moderate-reject"
    aria_label = _("Reject the selected items")
    action_priority = 11
    status = ModerationStatus.REJECTED


class SpamBulkAction(ModerateBulkAction):
    display_name = _("Mark as spam")
    action_type = "moderate-spam"
    aria_label = _("Mark the selected items as spam")
    action_priority = 12
    status = ModerationStatus.SPAM
