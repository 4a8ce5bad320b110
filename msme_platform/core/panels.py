"""Dashboard panels: what waits for the signed-in editor, each in one or two queries."""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from .models import ErrorReport
from .provenance import stale_records


def can_handle_error_reports(user):
    return user.has_perm("core.view_errorreport")


class WaitingForMePanel(Component):
    name = "msme_waiting_for_me"
    template_name = "wagtailadmin/home/waiting_for_me.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        items = {
            "review_tasks": TaskState.objects.reviewable_by(self.user).count(),
            "workflow_url": reverse("wagtailadmin_reports:workflow"),
            "stale_records": stale_records().count(),
            "stale_url": reverse("msme_stale_records"),
        }
        if can_handle_error_reports(self.user):
            items["error_reports"] = ErrorReport.objects.new().count()
            items["error_reports_url"] = reverse("error_reports:index")
        return items
