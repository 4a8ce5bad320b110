"""Dashboard panels: what waits for the signed-in editor, each in one or two queries."""

from django.urls import reverse
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from .models import ErrorReport
from .provenance import stale_records
from .translation_reviews import unreviewed_translations

# Counts that sections add to the panel: callables ``(user) -> {"count", "label", "url"}``
# or None when the user has nothing to do with them (see ``register_waiting_item``).
WAITING_ITEMS = []


def register_waiting_item(item):
    """Add a count to "What waits for me"; returns ``item`` so it can decorate."""
    WAITING_ITEMS.append(item)
    return item


@register_waiting_item
def translations_to_review(user):
    if not user.has_perm("wagtailadmin.access_admin"):
        return None
    count = unreviewed_translations().count()
    return {
        "count": count,
        "label": ngettext(
            "%(count)s translated page not yet reviewed",
            "%(count)s translated pages not yet reviewed",
            count,
        )
        % {"count": count},
        "url": reverse("msme_untranslated_pages"),
    }


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
        items["more"] = [item for item in (each(self.user) for each in WAITING_ITEMS) if item]
        return items
