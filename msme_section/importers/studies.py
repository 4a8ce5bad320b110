"""Studies and statistics (studies.csv): types, years and topics mapped to the site's own."""

import re

from django.utils.translation import gettext as _

from msme_platform.core.importing import (
    CellError,
    Column,
    choice,
    multi,
    text,
    url,
)
from msme_platform.core.models import Topic

from ..enums import StudyType
from ..models import MSMESectionPage, StudyIndexPage, StudyPage
from .pages import PageImporter, countries_by_iso3

STUDY_TYPES = {
    "report": StudyType.REPORT,
    "working paper": StudyType.WORKING_PAPER,
    "database": StudyType.DATABASE,
    "statistics": StudyType.STATISTICS,
    "guide": StudyType.GUIDE,
}

# Free-text study topics whose meaning matches one of the platform's topics; the rest
# are kept as keywords (tags).
STUDY_TOPIC_MAP = {
    "access to finance": "access-to-finance",
    "finance gap": "access-to-finance",
    "credit gap": "access-to-finance",
    "trade finance": "access-to-finance",
    "sme finance": "access-to-finance",
    "financial inclusion": "access-to-finance",
    "trade facilitation": "trade-facilitation",
    "customs": "trade-facilitation",
    "aeo": "trade-facilitation",
    "digitalisation": "e-commerce",
    "standards": "standards",
    "regulations": "standards",
    "public procurement": "public-procurement",
    "government procurement": "public-procurement",
    "gpa 2012": "public-procurement",
    "regional trade agreements": "trade-agreements",
    "msme provisions": "trade-agreements",
    "sme chapters": "trade-agreements",
    "free trade agreements": "trade-agreements",
    "trade agreements": "trade-agreements",
    "innovation": "innovation",
    "gender": "inclusive-trade",
    "women-led msmes": "inclusive-trade",
    "women-led firms in trade": "inclusive-trade",
    "women-owned businesses": "inclusive-trade",
    "inclusive growth": "inclusive-trade",
    "sme statistics": "statistics",
    "firm-level data": "statistics",
    "firm-level survey data": "statistics",
    "sme programmes": "support-programmes",
    "global value chains": "value-chains",
    "supply chains": "value-chains",
    "trade information": "access-to-information",
}


def study_year(value):
    if not value:
        return None
    if not re.fullmatch(r"\d{4}", value):
        raise CellError(_("expected a year as YYYY, found %(value)r") % {"value": value})
    return int(value)


class StudyImporter(PageImporter):
    label = "studies"
    key = ("title",)
    columns = [
        Column("title", required=True),
        Column("organisation", required=True),
        Column("year", study_year),
        Column("type", choice(*STUDY_TYPES), required=True),
        Column("topics", multi(text)),
        Column("url", url),
        Column("source_url", url),
        Column("note"),
    ]
    simple_fields = (
        "title",
        "organisation",
        "year",
        "study_type",
        "link",
        "source_url",
        "search_description",
    )
    m2m_fields = ("topics", "countries")

    @property
    def model(self):
        return StudyPage

    @property
    def parent_model(self):
        return StudyIndexPage

    def parent_candidates(self):
        """Studies live under the MSME section's index; the Policymaker one lists them."""
        candidates = super().parent_candidates()
        section = MSMESectionPage.objects.filter(locale=self.locale).first()
        return candidates.descendant_of(section) if section else candidates

    def __init__(self, locale=None, parent=None):
        super().__init__(locale, parent)
        self.topics = {topic.slug: topic for topic in Topic.objects.filter(locale=self.locale)}
        self.countries = {
            country.name.lower(): country for country in countries_by_iso3(self.locale).values()
        }

    def resolve(self, values):
        topics, countries, tags = [], [], []
        for label in values["topics"]:
            slug = STUDY_TOPIC_MAP.get(label.lower())
            if slug and slug in self.topics:
                if self.topics[slug] not in topics:
                    topics.append(self.topics[slug])
            elif label.lower() in self.countries:
                countries.append(self.countries[label.lower()])
            else:
                tags.append(label[:100])
        return {
            "title": values["title"][:255],
            "organisation": values["organisation"][:255],
            "year": values["year"],
            "study_type": STUDY_TYPES[values["type"]],
            "link": values["url"],
            "source_url": values["source_url"],
            "search_description": values["note"],
            "topics": topics,
            "countries": countries,
            "tags": sorted(set(tags)),
        }

    def existing(self):
        return self.model.objects.filter(locale=self.locale).prefetch_related(
            "topics", "countries", "tagged_items__tag"
        )

    def diff(self, instance, values):
        changes = super().diff(instance, values)
        if sorted({item.tag.name for item in instance.tagged_items.all()}) != values["tags"]:
            changes.append("tags")
        return changes

    def before_save(self, page, values):
        page.tags.set(values["tags"], clear=True)

    def slug_text(self, values):
        return values["title"]
