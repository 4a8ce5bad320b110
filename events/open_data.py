"""The events' calendar feed, registered with core's open-data list (``core/open_data.py``)."""

from django.utils.translation import gettext_lazy as _

from msme_platform.core.open_data import Export, register_export

from .models import EventIndexPage

register_export(
    Export(
        key="events-calendar",
        title=_("Events calendar"),
        description=_("Upcoming and past events as an iCalendar feed, filterable by topic."),
        index_model=EventIndexPage,
        route="feed",
        formats=("ical",),
        format_in_url=False,
        order=60,
    )
)
