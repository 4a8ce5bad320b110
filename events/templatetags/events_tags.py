"""How an event's date and time read on every page: in its own zone, with the UTC offset."""

from django import template
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from events.embeds import player_url, provider_name
from events.enums import DatePrecision
from msme_platform.core import wagtail_internals

register = template.Library()


def utc_offset(moment):
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def _day(value):
    return date_format(value, "j F Y")


@register.simple_tag
def event_when(event):
    """The event's dates as text (HTML), honest about what is not known."""
    if event.precision == DatePrecision.MONTH:
        start, last = event.local_start.date(), event.last_local_day
        months = date_format(start, "F Y")
        if (start.year, start.month) != (last.year, last.month):
            months = f"{months} – {date_format(last, 'F Y')}"
        return format_html(
            '{} <span class="event-tbc">({})</span>', months, _("day to be confirmed")
        )
    if event.precision == DatePrecision.DAY:
        start, last = event.local_start.date(), event.last_local_day
        days = _day(start) if start == last else f"{_day(start)} – {_day(last)}"
        return format_html("{}", days)
    start, end = event.local_start, event.local_end
    if start.date() == end.date():
        text = f"{_day(start)}, {time_format(start, 'H:i')}–{time_format(end, 'H:i')}"
    else:
        text = (
            f"{_day(start)}, {time_format(start, 'H:i')} – {_day(end)}, {time_format(end, 'H:i')}"
        )
    return format_html(
        '<time datetime="{}" data-local-start="{}" data-local-end="{}" '
        'data-your-time="{}">{}</time> '
        '<span class="event-zone">({}, {})</span>',
        start.isoformat(),
        event.starts_at.isoformat(),
        event.ends_at.isoformat(),
        _("In your time zone"),
        text,
        event.time_zone,
        utc_offset(start),
    )


@register.filter
def player(url):
    """The click-to-load player address for a video link ("" when there is none)."""
    return player_url(url)


@register.filter
def provider(url):
    return provider_name(url)


@register.simple_tag
def breadcrumb_trail(page):
    """The page's ancestors below the root, from the parents Wagtail's routing already
    fetched (no query); a page reached another way (a preview) asks the database."""
    trail, current = [], page
    while current.depth > 2:
        parent = wagtail_internals.known_parent(current)
        if parent is None:
            return list(page.get_ancestors()[1:])
        trail.append(parent)
        current = parent
    return trail[::-1]
