"""The importers of the shared taxonomy: regions, topics and countries."""

import re

from django.apps import apps
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .cells import CellError, choice, partial_date, url, yes_no
from .importer import Column, CSVImporter, register_importer


class RegionImporter(CSVImporter):
    label = "regions"
    key = ("slug",)
    model = "core.Region"
    columns = [Column("code", required=True), Column("name", required=True)]

    def resolve(self, values):
        code = values.pop("code")
        if slugify(code) != code:
            raise CellError(_("use lowercase letters, digits and hyphens only"), "code")
        return {"slug": code, "name": values["name"]}

    def key_columns(self):
        return ["code"]


class TopicImporter(RegionImporter):
    """Topics are the site's own editorial vocabulary: no source column."""

    label = "topics"
    model = "core.Topic"
    columns = [*RegionImporter.columns, Column("description")]

    def resolve(self, values):
        description = values.pop("description")
        return {**super().resolve(values), "description": description}


class CountryImporter(CSVImporter):
    label = "countries"
    model = "core.Country"
    key = ("iso3",)
    columns = [
        Column("iso3", required=True),
        Column("name", required=True),
        Column("wto_status", choice("member", "observer", "")),
        Column("wto_member_since", partial_date),
        Column("region"),
        Column("ldc", yes_no),
        Column("verification"),
        Column("source_url", url),
        Column("note"),
    ]

    def __init__(self, locale=None):
        super().__init__(locale)
        regions = apps.get_model("core.Region").objects.filter(locale=self.locale)
        self.regions = {region.name: region for region in regions}

    def resolve(self, values):
        if not re.fullmatch(r"[A-Z]{3}", values["iso3"]):
            raise CellError(_("expected three capital letters (ISO 3166-1 alpha-3)"), "iso3")
        region = None
        if values["region"]:
            region = self.regions.get(values["region"])
            if region is None:
                raise CellError(
                    _("unknown region %(name)r: import it in regions first")
                    % {"name": values["region"]},
                    "region",
                )
        member_since, member_since_year = values["wto_member_since"]
        return {
            "iso3": values["iso3"],
            "name": values["name"],
            "wto_status": values["wto_status"],
            "wto_member_since": member_since,
            "wto_member_since_year": member_since_year,
            "region": region,
            "is_ldc": values["ldc"],
            "verification": values["verification"][:255],
            "source_url": values["source_url"],
            "note": values["note"],
        }

    def existing(self):
        return super().existing().select_related("region")


register_importer("regions")(RegionImporter)
register_importer("topics")(TopicImporter)
register_importer("countries")(CountryImporter)
