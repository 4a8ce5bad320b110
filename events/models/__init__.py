"""Conferences and workshops: calendar, livestreams, recordings and iCalendar feeds.

Each event is a page (``EventPage``) so delegates edit it with review before publishing
and it gets a stable address; recordings, documents and speakers are inline rows of the
page. ``EventIndexPage`` lists them (upcoming, past, a month calendar) and serves the
iCalendar feeds as routes. The state (upcoming, live, past) is never stored: it is
derived from "now", and every page's HTTP cache lifetime ends at its next state change.
"""

from ..forms import MAX_YEAR, MIN_YEAR
from .event import (
    CACHE_SECONDS,
    FEED_FIELDS,
    RESERVED_SLUGS,
    EventPage,
    validate_zone,
)
from .index import EventIndexPage
from .schedule import EventScheduleMixin
from .upcoming import next_events, next_events_html

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "CACHE_SECONDS",
    "FEED_FIELDS",
    "RESERVED_SLUGS",
    "EventIndexPage",
    "EventPage",
    "EventScheduleMixin",
    "next_events",
    "next_events_html",
    "validate_zone",
]
