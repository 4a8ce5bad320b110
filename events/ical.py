"""iCalendar (RFC 5545) for one event and for the feeds, built with ``icalendar``.

The UID is the page's translation key, so it survives edits, moves and renames; SEQUENCE
is raised by ``EventPage.save`` when a calendar-visible field changes. Timed events carry
their IANA zone (with its VTIMEZONE); events whose times are unknown are all-day dates,
and a month-only event spans its month with "date to be confirmed" in its title.
"""

import datetime

import icalendar
from django.db.models import Count, Max, Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from msme_platform.core.caching import memo

from .enums import DatePrecision, EventStatus

PRODID = "-//WTO Informal Working Group on MSMEs//MSME Platform//EN"


def event_component(event, request):
    component = icalendar.Event()
    component.add("uid", f"{event.translation_key}@msme-platform")
    stamp = event.last_published_at or timezone.now()
    component.add("dtstamp", stamp.astimezone(datetime.UTC))
    component.add("last-modified", stamp.astimezone(datetime.UTC))
    component.add("sequence", event.sequence)
    title = event.title
    if event.precision == DatePrecision.MONTH:
        title = _("%(title)s (date to be confirmed)") % {"title": title}
    component.add("summary", title)
    if event.precision == DatePrecision.TIME:
        component.add("dtstart", event.local_start)
        component.add("dtend", event.local_end)
    else:
        component.add("dtstart", event.local_start.date())
        component.add("dtend", event.local_end.date())
    url = event.get_full_url(request)
    component.add("url", url)
    location = [part for part in (event.venue, event.livestream_url) if part]
    if not location and event.is_online:
        location = [_("Online")]
    if location:
        component.add("location", " · ".join(location))
    lines = []
    if event.search_description:
        lines.append(event.search_description)
    if event.precision == DatePrecision.MONTH:
        lines.append(_("Only the month is known; the day is to be confirmed."))
    if event.livestream_url:
        lines.append(_("Livestream: %(url)s") % {"url": event.livestream_url})
    if event.registration_url:
        lines.append(_("Registration: %(url)s") % {"url": event.registration_url})
    lines.append(_("Details: %(url)s") % {"url": url})
    component.add("description", "\n\n".join(lines))
    component.add("categories", [event.get_event_type_display()])
    component.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    component.add("transp", "TRANSPARENT")
    return component


def build_calendar(events, request, name):
    """The VCALENDAR for ``events``; each VEVENT is kept in the shared cache until content
    changes, so feeds of other filters, languages aside, serialise none of them again."""
    base = request.get_host() if request else ""
    events = {("vevent", event.pk, base, get_language()): event for event in list(events)}
    components = memo.remember_shared_many(
        list(events), lambda key: event_component(events[key], request).to_ical()
    )
    parts, spans = [], {}
    for key, event in events.items():
        parts.append(components[key])
        if event.precision == DatePrecision.TIME:
            first, last = spans.get(event.time_zone, (event.local_start.date(),) * 2)
            spans[event.time_zone] = (
                min(first, event.local_start.date()),
                max(last, event.local_end.date()),
            )
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # The calendar's name is in the visitor's language (RFC 5545 LANGUAGE parameter).
    cal.add("x-wr-calname", name, parameters={"LANGUAGE": get_language()})
    cal.add("x-published-ttl", "PT1H")
    cal.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    # Only the transitions the events need, a year either side: short, and read correctly
    # by parsers that mishandle long RDATE lists.
    margin = datetime.timedelta(days=366)
    for zone, (first, last) in sorted(spans.items()):
        cal.add_component(
            icalendar.Timezone.from_tzid(zone, first_date=first - margin, last_date=last + margin)
        )
    head, end = cal.to_ical(), b"END:VCALENDAR\r\n"
    return head.removesuffix(end) + b"".join(parts) + end


def cached_calendar(events, request, name, cache_key):
    """The feed from the shared cache until content changes or its events do.

    The key holds the content generation (``memo.remember_shared``) and what changes
    when the clock moves events out of the list: how many there are (an event that ends
    leaves the feed), the latest publication and the sum of the calendar revisions.
    Building a feed of 1,000 events takes a few hundred milliseconds; reading it back
    takes one query and one cache hit.
    """
    state = events.aggregate(
        count=Count("pk", distinct=True),
        published=Max("last_published_at"),
        revisions=Sum("sequence"),
    )
    key = ("ical", cache_key, str(name), tuple(sorted(state.items())), get_language())
    return memo.remember_shared(
        key, lambda: build_calendar(events, request, name), in_process=False
    )


def calendar_response(events, request, name, filename, cache_key=None):
    if cache_key is None:
        data = build_calendar(events, request, name)
    else:
        data = cached_calendar(events, request, name, cache_key)
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = get_language()
    return response
