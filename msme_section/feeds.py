"""The section's Atom feed, and what its records add to the topic and country feeds
(``core.feeds``): studies, challenges and best practices by topic; programmes, studies
and best practices by country."""

from django.db.models import Q

from msme_platform.core.feeds import register_feed, register_record_filter
from msme_platform.core.site_feeds import SectionFeed

from .models import MSMESectionPage


class MSMESectionFeed(SectionFeed):
    name = "msmes"
    section_model = MSMESectionPage


register_feed(MSMESectionFeed())
register_record_filter(
    "topic",
    lambda slug: (
        Q(studypage__topics__slug=slug)
        | Q(challengepage__topics__slug=slug)
        | Q(bestpracticepage__topics__slug=slug)
    ),
)
register_record_filter(
    "country",
    lambda iso3: (
        Q(nationalprogrammepage__country__iso3=iso3)
        | Q(studypage__countries__iso3=iso3)
        | Q(bestpracticepage__countries__iso3=iso3)
    ),
)
