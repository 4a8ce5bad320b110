"""iCalendar (RFC 5545) for one event and for the feeds, built with ``icalendar``.

The UID is the page's translation key, so it survives edits, moves and renames; SEQUENCE
is raised by ``EventPage.save`` when a calendar-visible field changes. Timed events carry
their IANA zone (with its VTIMEZONE); events whose times are unknown are all-day dates,
and a month-only event spans its month with "date to be confirmed" in its title.
"""

import datetime
import hashlib

import icalendar
from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .enums import DatePrecision, EventStatus

PRODID = "-//WTO Informal Working Group on MSMEs//MSME Platform//EN"
FEED_CACHE_SECONDS = 24 * 60 * 60


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


def _event_key(event, base):
    stamp = event.last_published_at.isoformat() if event.last_published_at else ""
    parts = (event.pk, stamp, event.sequence, event.url_path, base, get_language())
    return "events:vevent:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def build_calendar(events, request, name):
    """The VCALENDAR for ``events``; each VEVENT is kept in the cache until its page is
    published again, so a feed rebuilt after one change serialises one event."""
    base = request.get_host() if request else ""
    events = list(events)
    keys = [_event_key(event, base) for event in events]
    cached = cache.get_many(keys)
    fresh, parts, spans = {}, [], {}
    for event, key in zip(events, keys, strict=True):
        data = cached.get(key)
        if data is None:
            data = fresh[key] = event_component(event, request).to_ical()
        parts.append(data)
        if event.precision == DatePrecision.TIME:
            first, last = spans.get(event.time_zone, (event.local_start.date(),) * 2)
            spans[event.time_zone] = (
                min(first, event.local_start.date()),
                max(last, event.local_end.date()),
            )
    if fresh:
        cache.set_many(fresh, FEED_CACHE_SECONDS)
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
    """The feed from the shared cache while none of its events changed.

    The key holds what changes when any listed event does: how many there are (an event
    that ends leaves the feed), the latest publication and the sum of the calendar
    revisions. Building a feed of 1,000 events takes a few hundred milliseconds;
    reading it back takes one query and one cache hit.
    """
    state = events.aggregate(
        count=Count("pk", distinct=True),
        published=Max("last_published_at"),
        revisions=Sum("sequence"),
    )
    digest = hashlib.sha256(
        repr((cache_key, name, sorted(state.items()), get_language())).encode()
    ).hexdigest()
    key = f"events:ical:{digest}"
    data = cache.get(key)
    if data is None:
        data = build_calendar(events, request, name)
        cache.set(key, data, FEED_CACHE_SECONDS)
    return data


def calendar_response(events, request, name, filename, cache_key=None):
    if cache_key is None:
        data = build_calendar(events, request, name)
    else:
        data = cached_calendar(events, request, name, cache_key)
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = get_language()
    return response
