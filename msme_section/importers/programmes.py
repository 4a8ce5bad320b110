"""National support programmes (national_programmes.csv)."""

from django.utils.translation import gettext as _

from msme_platform.core.importing import (
    CellError,
    Column,
    choice,
    multi,
    url,
)

from ..enums import FirmSize, ProgrammeType
from ..models import NationalProgrammePage, ProgrammeIndexPage
from .pages import PageImporter, countries_by_iso3

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
        return NationalProgrammePage

    @property
    def parent_model(self):
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
