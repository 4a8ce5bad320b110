"""``import_csv events FILE``: the Group's events calendar (``starter_data/events.csv``).

Each row becomes an ``EventPage`` under the events index, keyed by its title. The source
gives dates only, never times: a full date becomes an all-day event in the local zone, and
``YYYY-MM`` (day not verified) a month-only event shown as "date to be confirmed".
"""

import datetime
import re

from django.utils.text import slugify
from django.utils.translation import gettext as _

from msme_platform.core.importing import (
    CellError,
    Column,
    CSVImporter,
    ImportFileError,
    RowError,
    register_importer,
    url,
)

from .enums import EventStatus, EventType

CSV_TYPES = {
    "meeting": EventType.MEETING,
    "group meeting": EventType.GROUP_MEETING,
    "thematic session": EventType.THEMATIC_SESSION,
    "workshop": EventType.WORKSHOP,
    "webinar": EventType.WEBINAR,
    "conference": EventType.CONFERENCE,
}
GROUP_ORGANISERS = ("WTO Informal Working Group on MSMEs",)

# The zone of each city the data set names; anywhere else keeps the Geneva default.
CITY_ZONES = {
    "Geneva": "Europe/Zurich",
    "Buenos Aires": "America/Argentina/Buenos_Aires",
    "Mexico City": "America/Mexico_City",
    "Abu Dhabi": "Asia/Dubai",
    "Johannesburg": "Africa/Johannesburg",
}


def day_or_month(value):
    """``YYYY-MM-DD`` or ``YYYY-MM``: returns ``(date, month_only)``."""
    if not value:
        return (None, False)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        try:
            return (datetime.date.fromisoformat(f"{value}-01"), True)
        except ValueError:
            pass
    else:
        try:
            return (datetime.date.fromisoformat(value), False)
        except ValueError:
            pass
    raise CellError(
        _("expected a date as YYYY-MM-DD, or YYYY-MM when the day is not known; found %(value)r")
        % {"value": value}
    )


@register_importer("events")
class EventImporter(CSVImporter):
    label = "events"
    key = ("title",)
    columns = [
        Column("title", required=True),
        Column("start_date", day_or_month, required=True),
        Column("end_date", day_or_month),
        Column("event_type", required=True),
        Column("location"),
        Column("organiser"),
        Column("url", url),
        Column("source_url", url),
        Column("note"),
    ]

    def __init__(self, locale=None, parent=None):
        super().__init__(locale)
        from msme_platform.core.models import Country

        self.parent = parent or self._default_parent()
        self.countries = {
            country.name: country for country in Country.objects.filter(locale=self.locale)
        }

    def _default_parent(self):
        from .models import EventIndexPage

        parent = EventIndexPage.objects.filter(locale=self.locale).first()
        if parent is None:
            raise ImportFileError(
                [
                    RowError(
                        "events",
                        0,
                        "",
                        _("there is no events index page yet: run load_starter_content"),
                    )
                ]
            )
        return parent

    @property
    def model(self):
        from .models import EventPage

        return EventPage

    def existing(self):
        return self.model.objects.child_of(self.parent).select_related("country")

    def resolve(self, values):
        start, month_only = values["start_date"]
        end, end_month_only = values["end_date"]
        if end is not None and end_month_only != month_only:
            raise CellError(_("give both dates to the day, or both as YYYY-MM"), "end_date")
        if end is not None and end < start:
            raise CellError(_("the end date is before the start date"), "end_date")
        kind = values["event_type"].lower()
        if kind not in CSV_TYPES:
            raise CellError(
                _("expected one of %(allowed)s, found %(value)r")
                % {"allowed": ", ".join(CSV_TYPES), "value": values["event_type"]},
                "event_type",
            )
        event_type = CSV_TYPES[kind]
        if event_type == EventType.MEETING and values["organiser"].startswith(GROUP_ORGANISERS):
            event_type = EventType.GROUP_MEETING
        location = values["location"]
        place = re.sub(r"\s*\([^)]*\)", "", location)
        parts = [part.strip() for part in place.split(",") if part.strip()]
        is_online = bool(re.search(r"\b(online|hybrid)\b", location, re.IGNORECASE))
        zone = next((CITY_ZONES[part] for part in parts if part in CITY_ZONES), None)
        return {
            "title": values["title"],
            "start_date": start,
            "end_date": end if end != start else None,
            "month_only": month_only,
            "time_zone": zone or "Europe/Zurich",
            "event_type": event_type,
            "status": EventStatus.SCHEDULED,
            "venue": "" if location.lower() == "online" else location,
            "is_online": is_online,
            "country": self.countries.get(parts[-1]) if parts else None,
            "organiser": values["organiser"][:255],
            "website_url": values["url"],
            "source_url": values["source_url"],
            "source_note": values["note"],
        }

    def save(self, row):
        page = row.instance
        if page is None:
            page = self.model(locale=self.locale, slug=self._free_slug(row.values["title"]))
            for name, value in row.values.items():
                setattr(page, name, value)
            self.parent.add_child(instance=page)
        else:
            for name, value in row.values.items():
                setattr(page, name, value)
        page.save_revision().publish()
        return page

    def _free_slug(self, title):
        base = slugify(title)[:70].strip("-") or "event"
        taken = set(self.parent.get_children().values_list("slug", flat=True))
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug
