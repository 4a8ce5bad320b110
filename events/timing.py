"""Turning an event's dates, as the source or the editor gives them, into instants.

Editors enter wall-clock dates and times in the event's own zone; the site stores the
start and end as aware datetimes (UTC in the database) so state, ordering and feeds need
no time zone arithmetic at query time. When only the day is known the event spans the
whole local day; when only the month is known it spans the whole month and is shown as
"date to be confirmed", never as a day nobody verified.
"""

import datetime
import functools
import zoneinfo

from django.utils import timezone

DEFAULT_ZONE = "Europe/Zurich"  # Geneva: IANA has no zone of its own for it


@functools.cache
def zone_names():
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def zone_choices():
    labels = {DEFAULT_ZONE: f"{DEFAULT_ZONE} (Geneva)"}
    return [(name, labels.get(name, name)) for name in zone_names()]


def is_valid_zone(name):
    return name in zone_names()


def first_of_next_month(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def event_window(start_date, start_time, end_date, end_time, zone_name, month_only=False):
    """``(starts_at, ends_at)`` as aware datetimes; the end is exclusive."""
    zone = zoneinfo.ZoneInfo(zone_name)
    last_day = end_date or start_date
    if month_only:
        start = datetime.datetime.combine(start_date.replace(day=1), datetime.time(), zone)
        end = datetime.datetime.combine(first_of_next_month(last_day), datetime.time(), zone)
    elif start_time is not None:
        start = datetime.datetime.combine(start_date, start_time, zone)
        end = datetime.datetime.combine(last_day, end_time or start_time, zone)
    else:
        start = datetime.datetime.combine(start_date, datetime.time(), zone)
        end = datetime.datetime.combine(
            last_day + datetime.timedelta(days=1), datetime.time(), zone
        )
    return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)


def seconds_until(moment, now=None, cap=3600):
    """Seconds from now until ``moment`` (at least 0), capped; ``cap`` when there is none."""
    if moment is None:
        return cap
    now = now or timezone.now()
    return max(0, min(cap, int((moment - now).total_seconds())))
