from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .enums import EventStatus
from .models import EventPage


def upcoming_without_livestream(now=None):
    """Scheduled events still to come whose page has no livestream link yet."""
    return (
        EventPage.objects.filter(
            alias_of__isnull=True, ends_at__gt=now or timezone.now(), livestream_url=""
        )
        .exclude(status=EventStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )


class EventsWithoutLivestreamPanel(Component):
    """Upcoming events nobody has added a livestream link to: one query for the first
    few, one for the count."""

    name = "events_without_livestream"
    template_name = "wagtailadmin/home/events_without_livestream.html"
    order = 60
    SHOWN = 5

    def get_context_data(self, parent_context=None):
        events = upcoming_without_livestream()
        return {
            "events": list(events.only("id", "title", "starts_at")[: self.SHOWN]),
            "count": events.count(),
        }


@hooks.register("construct_homepage_panels")
def add_events_panel(request, panels):
    panels.append(EventsWithoutLivestreamPanel())
