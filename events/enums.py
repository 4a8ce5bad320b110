from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    GROUP_MEETING = "group_meeting", _("Group meeting")
    THEMATIC_SESSION = "thematic_session", _("Thematic session")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    CONFERENCE = "conference", _("Conference")
    MEETING = "meeting", _("Other meeting")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class DatePrecision(models.TextChoices):
    """How much of the date is known: a source may give only the month."""

    TIME = "time", _("Date and times known")
    DAY = "day", _("Day known, times not known")
    MONTH = "month", _("Only the month is known (day to be confirmed)")


class EventState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    LIVE = "live", _("Taking place now")
    PAST = "past", _("Past")
