"""An event's times and state, derived from its fields and from "now"."""

import datetime
import zoneinfo

from django.utils import timezone
from django.utils.functional import cached_property

from .. import timing
from ..embeds import player_url, provider_name
from ..enums import DatePrecision, EventState, EventStatus


class EventScheduleMixin:
    """When an event is, in its own time zone, and its state now (never stored: derived from
    "now", so a page is right at the moment it is shown)."""

    def window(self):
        return timing.event_window(
            self.start_date,
            None if self.month_only else self.start_time,
            self.end_date,
            None if self.month_only else self.end_time,
            self.time_zone or timing.DEFAULT_ZONE,
            self.month_only,
        )

    @property
    def precision(self):
        if self.month_only:
            return DatePrecision.MONTH
        return DatePrecision.TIME if self.start_time else DatePrecision.DAY

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.starts_at:
            return EventState.UPCOMING
        if now >= self.ends_at:
            return EventState.PAST
        # Within a month whose day nobody verified, the event is not known to be on now.
        return EventState.UPCOMING if self.month_only else EventState.LIVE

    def next_change(self, now=None):
        """When the state changes next, or None once the event is past."""
        now = now or timezone.now()
        for moment in (self.starts_at, self.ends_at):
            if moment > now:
                return moment
        return None

    @cached_property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def last_local_day(self):
        """The last day the event covers, in its own zone (the stored end is exclusive)."""
        if self.precision == DatePrecision.TIME:
            return self.local_end.date()
        return (self.local_end - datetime.timedelta(days=1)).date()

    @property
    def livestream_player_url(self):
        return player_url(self.livestream_url)

    @property
    def livestream_provider(self):
        return provider_name(self.livestream_url)

    # -- Serving
