"""Useful resources (resources.csv), each with the need it answers."""

import json

from django.utils.translation import gettext as _

from msme_platform.core.importing import (
    CellError,
    Column,
    CSVImporter,
    choice,
    url,
    yes_no,
)
from msme_platform.core.starter import STARTER_DATA

from ..enums import Audience, ResourceNeed
from ..models import Resource


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
    path = STARTER_DATA / "resource_needs.json"
    return json.loads(path.read_text(encoding="utf-8"))["needs"] if path.exists() else {}
