"""Importers for the section's data sets, through the shared import layer.

Programmes and studies are pages: a row creates a child of the index page and publishes
it; an unchanged row is left alone, so importing the same file twice changes nothing.
"""

import json
import re

from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from msme_platform.core.importing import (
    VERIFIED_COLUMN,
    CellError,
    Column,
    CSVImporter,
    ImportFileError,
    RowError,
    choice,
    multi,
    register_importer,
    text,
    url,
    yes_no,
)
from msme_platform.core.models import Country, Topic

from .enums import Audience, FirmSize, ProgrammeType, ResourceNeed, StudyType

PROGRAMME_TYPES = {
    "finance": ProgrammeType.FINANCE,
    "export promotion": ProgrammeType.EXPORT_PROMOTION,
    "training & advice": ProgrammeType.TRAINING,
    "digitalisation": ProgrammeType.DIGITALISATION,
    "public procurement": ProgrammeType.PROCUREMENT,
    "innovation": ProgrammeType.INNOVATION,
    "formalisation": ProgrammeType.FORMALISATION,
    "other": ProgrammeType.OTHER,
}
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


class PageImporter(CSVImporter):
    """Rows become live pages under the one index page of ``parent_model`` in the locale."""

    parent_model = None
    simple_fields: tuple[str, ...] = ()
    m2m_fields: tuple[str, ...] = ()

    def __init__(self, locale=None, parent=None):
        super().__init__(locale)
        self._parent = parent

    def parent(self, name):
        if self._parent is None:
            self._parent = self.parent_candidates().first()
        if self._parent is None:
            raise ImportFileError(
                [
                    RowError(
                        name,
                        0,
                        "",
                        _("create the %(page)s first: the rows are added below it")
                        % {"page": self.parent_model._meta.verbose_name},
                    )
                ]
            )
        return self._parent

    def parent_candidates(self):
        return self.parent_model.objects.filter(locale=self.locale).order_by("path")

    def read(self, source, name=None):
        plan = super().read(source, name)
        self.parent(plan.file)
        return plan

    def diff(self, instance, values):
        changes = [
            name
            for name in (*self.simple_fields, VERIFIED_COLUMN)
            if name in values and getattr(instance, name) != values[name]
        ]
        for name in self.m2m_fields:
            current = {obj.pk for obj in getattr(instance, name).all()}
            if current != {obj.pk for obj in values[name]}:
                changes.append(name)
        return changes

    def save(self, row):
        page = row.instance
        creating = page is None
        if creating:
            page = self.model(locale=self.locale, slug=self.unique_slug(row.values))
        for name in (*self.simple_fields, VERIFIED_COLUMN):
            if name in row.values:
                setattr(page, name, row.values[name])
        for name in self.m2m_fields:
            setattr(page, name, list(row.values[name]))
        self.before_save(page, row.values)
        if creating:
            self.parent("").add_child(instance=page)
        page.save_revision().publish()
        return page

    def before_save(self, page, values):
        pass

    def unique_slug(self, values):
        base = slugify(self.slug_text(values))[:80].strip("-") or "item"
        siblings = set(Page.objects.child_of(self.parent("")).values_list("slug", flat=True))
        slug, number = base, 2
        while slug in siblings:
            slug, number = f"{base}-{number}", number + 1
        return slug


def countries_by_iso3(locale):
    found = {country.iso3: country for country in Country.objects.filter(locale=locale)}
    if not found:
        found = {
            country.iso3: country for country in Country.objects.filter(locale__language_code="en")
        }
    return found


class ProgrammeImporter(PageImporter):
    label = "programmes"
    key = ("country_iso3", "title")
    columns = [
        Column("country", required=True),
        Column("name", required=True),
        Column("agency", required=True),
        Column("programme_type", choice(*PROGRAMME_TYPES), required=True),
        Column("target", multi(choice("micro", "small", "medium", "all")), required=True),
        Column("url", url),
        Column("source_url", url),
        Column("note"),
    ]
    simple_fields = (
        "title",
        "country",
        "agency",
        "programme_type",
        "for_micro",
        "for_small",
        "for_medium",
        "link",
        "source_url",
        "search_description",
    )

    @property
    def model(self):
        from .models import NationalProgrammePage

        return NationalProgrammePage

    @property
    def parent_model(self):
        from .models import ProgrammeIndexPage

        return ProgrammeIndexPage

    def __init__(self, locale=None, parent=None):
        super().__init__(locale, parent)
        self.countries = countries_by_iso3(self.locale)

    def resolve(self, values):
        country = self.countries.get(values["country"].upper())
        if country is None:
            raise CellError(
                _("unknown country code %(code)r: import it in countries first")
                % {"code": values["country"]},
                "country",
            )
        targets = set(values["target"])
        if "all" in targets:
            targets = {FirmSize.MICRO, FirmSize.SMALL, FirmSize.MEDIUM}
        return {
            "country_iso3": country.iso3,
            "title": values["name"][:255],
            "country": country,
            "agency": values["agency"][:255],
            "programme_type": PROGRAMME_TYPES[values["programme_type"]],
            "for_micro": FirmSize.MICRO in targets,
            "for_small": FirmSize.SMALL in targets,
            "for_medium": FirmSize.MEDIUM in targets,
            "link": values["url"],
            "source_url": values["source_url"],
            "search_description": values["note"],
        }

    def existing(self):
        return self.model.objects.filter(locale=self.locale).select_related("country")

    def key_of_instance(self, obj):
        return (obj.country.iso3, obj.title)

    def key_columns(self):
        return ["name"]

    def slug_text(self, values):
        return f"{values['country_iso3']} {values['title']}"


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
        from .models import StudyPage

        return StudyPage

    @property
    def parent_model(self):
        from .models import StudyIndexPage

        return StudyIndexPage

    def parent_candidates(self):
        """Studies live under the MSME section's index; the Policymaker one lists them."""
        from .models import MSMESectionPage

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


class ResourceImporter(CSVImporter):
    """Resources have no ``need`` column in the curated file: ``needs`` maps names to one."""

    label = "resources"
    key = ("name",)
    columns = [
        Column("name", required=True),
        Column("organisation"),
        Column("url", url),
        Column("url_seen", yes_no),
        Column("description", required=True),
        Column("audience", choice(*Audience.values), required=True),
        Column("source_url", url),
    ]

    def __init__(self, locale=None, needs=None):
        super().__init__(locale)
        self.needs = default_resource_needs() if needs is None else needs

    @property
    def model(self):
        from .models import Resource

        return Resource

    def resolve(self, values):
        if values["url"] and not values["url_seen"]:
            raise CellError(_("an address is given but url_seen says no"), "url_seen")
        need = self.needs.get(values["name"], ResourceNeed.LEARN)
        if need not in ResourceNeed.values:
            raise CellError(_("unknown need %(need)r") % {"need": need}, "name")
        return {
            "name": values["name"][:255],
            "organisation": values["organisation"][:255],
            "url": values["url"],
            "description": values["description"],
            "audience": values["audience"],
            "need": need,
            "source_url": values["source_url"],
        }


def default_resource_needs():
    from msme_platform.core.starter import STARTER_DATA

    path = STARTER_DATA / "resource_needs.json"
    return json.loads(path.read_text(encoding="utf-8"))["needs"] if path.exists() else {}


register_importer("programmes")(ProgrammeImporter)
register_importer("studies")(StudyImporter)
register_importer("resources")(ResourceImporter)
