"""iCalendar (RFC 5545) for one event and for the feeds, built with ``icalendar``.

The UID is the page's translation key, so it survives edits, moves and renames; SEQUENCE
is raised by ``EventPage.save`` when a calendar-visible field changes. Timed events carry
their IANA zone (with its VTIMEZONE); events whose times are unknown are all-day dates,
and a month-only event spans its month with "date to be confirmed" in its title.
"""

import datetime

import icalendar
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

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
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-published-ttl", "PT1H")
    cal.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    days = []
    for event in events:
        cal.add_component(event_component(event, request))
        if event.precision == DatePrecision.TIME:
            days += [event.local_start.date(), event.local_end.date()]
    if days:
        # Only the transitions the events need, a year either side: short, and read
        # correctly by parsers that mishandle long RDATE lists.
        margin = datetime.timedelta(days=366)
        cal.add_missing_timezones(first_date=min(days) - margin, last_date=max(days) + margin)
    return cal.to_ical()


def calendar_response(events, request, name, filename):
    response = HttpResponse(
        build_calendar(events, request, name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
