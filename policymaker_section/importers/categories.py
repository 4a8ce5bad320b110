"""The provision categories (rta_provision_categories.csv)."""

import re

from django.utils.translation import gettext as _

from msme_platform.core.importing import (
    CellError,
    Column,
    CSVImporter,
    choice,
    register_importer,
    url,
)

from ..enums import CategoryGroup
from ..models import ProvisionCategory


@register_importer("provision_categories")
class ProvisionCategoryImporter(CSVImporter):
    label = "provision categories"
    key = ("code",)
    columns = [
        Column("code", required=True),
        Column("name", required=True),
        Column("group", choice(*CategoryGroup.values), required=True),
        Column("description"),
        Column("source_url", url),
    ]

    @property
    def model(self):
        return ProvisionCategory

    def __init__(self, locale=None):
        super().__init__(locale)
        self.position = 0

    def resolve(self, values):
        if not re.fullmatch(r"[A-Z][A-Z0-9_]{0,39}", values["code"]):
            raise CellError(_("use capital letters, digits and underscores only"), "code")
        self.position += 1
        return {**values, "sort_order": self.position}
