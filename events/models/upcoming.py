"""The home page's "Next events", which core asks for through its registry."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from msme_platform.core.caching import memo
from msme_platform.core.visibility import public

from ..enums import EventStatus
from .event import EventPage


def next_events(locale_id, count=3, now=None):
    """The next scheduled events in a language, for the home page."""
    return public(
        EventPage.objects.live()
        .filter(locale_id=locale_id, ends_at__gt=now or timezone.now())
        .exclude(status=EventStatus.CANCELLED)
        .defer_streamfields()
        .select_related("locale")
        .order_by("starts_at", "pk")
    )[:count]


def next_events_html(request, locale_id):
    """The home page's "Next events" section as HTML, kept in the process memo until the
    content changes or one of the events shown starts (it is then live) or ends."""
    now = timezone.now()

    def compute():
        events = list(next_events(locale_id, now=now))
        html = render_to_string("components/events/next_events.html", {"events": events}, request)
        moments = [event.starts_at for event in events if event.starts_at > now]
        moments += [event.ends_at for event in events]
        return html, min(moments, default=None)

    if getattr(request, "is_preview", False):
        return compute()[0]
    key = ("next-events", locale_id, translation.get_language(), request.get_host())
    return memo.remember_until(key, compute, now)[0]
