"""Starter content for events: the index under the MSME section, then ``events.csv``."""

from msme_platform.core.starter import ensure_page, import_starter_file

INDEX = {
    "type": "events.EventIndexPage",
    "slug": "events",
    "title": "Conferences and workshops",
    "summary": (
        "Meetings of the Informal Working Group on MSMEs and related conferences, "
        "workshops and webinars: dates, places, livestreams and recordings."
    ),
    "intro": (
        "Find the next session, add it to your calendar and follow it online. Past events "
        "keep their recordings and documents when the organisers published them."
    ),
}


def load(home, report):
    from msme_section.models import MSMESectionPage

    from .importers import EventImporter

    section = MSMESectionPage.objects.child_of(home).first()
    if section is None:
        return
    index = ensure_page(section, INDEX, report)
    import_starter_file(EventImporter(locale=home.locale, parent=index), "events.csv", report)
