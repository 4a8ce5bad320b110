"""Regional trade agreements (rta_agreements.csv)."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from msme_platform.core.importing import (
    CellError,
    Column,
    choice,
    multi,
    partial_date,
    register_importer,
    url,
)

from ..enums import AgreementType
from ..models import AgreementIndexPage, AgreementPage
from .cells import optional_year, whole_number, yes_no_unknown
from .pages import PageImporter

# The CSV's types are WTO RTA-IS style; a digital economy agreement is an EIA.
AGREEMENT_TYPES = {
    **{value: value for value in AgreementType.values},
    "EIA (digital economy agreement)": AgreementType.EIA,
}


@register_importer("agreements")
class AgreementImporter(PageImporter):
    label = "agreements"
    key = ("code",)
    m2m_fields = ("parties",)
    columns = [
        Column("agreement_id", required=True),
        Column("name", required=True),
        # Agreements known by their full name only (most from the ToTA corpus) have none.
        Column("short_name"),
        Column("type", choice(*AGREEMENT_TYPES), required=True),
        Column("parties", multi(), required=True),
        Column("signature_date", partial_date),
        Column("entry_into_force_date", partial_date),
        Column("status"),
        Column("status_recorded_year", optional_year, optional=True),
        Column("has_sme_chapter", yes_no_unknown),
        Column("sme_chapter_number"),
        Column("sme_chapter_title"),
        Column("wto_rta_id", whole_number),
        Column("source_url", url),
        Column("extra_sources", multi(url)),
        Column("note"),
    ]

    @property
    def model(self):
        return AgreementPage

    @property
    def parent_model(self):
        return AgreementIndexPage

    def key_columns(self):
        return ["agreement_id"]

    def resolve(self, values):
        self.check_parent()
        code = values["agreement_id"]
        if slugify(code) != code:
            raise CellError(_("use lowercase letters, digits and hyphens only"), "agreement_id")
        signature, signature_year = values["signature_date"]
        in_force, in_force_year = values["entry_into_force_date"]
        for column, text, limit in (
            ("name", values["name"], 255),
            ("short_name", values["short_name"], 120),
            ("status", values["status"], 255),
        ):
            if len(text) > limit:
                raise CellError(_("longer than %(limit)s characters") % {"limit": limit}, column)
        return {
            "code": code,
            "title": values["name"],
            "short_name": values["short_name"] or values["name"][:120],
            "agreement_type": AGREEMENT_TYPES[values["type"]],
            "parties": self.resolve_countries(values["parties"], "parties"),
            "signature_date": signature,
            "signature_year": signature_year,
            "entry_into_force_date": in_force,
            "entry_into_force_year": in_force_year,
            "status": values["status"],
            "status_recorded_year": values["status_recorded_year"],
            # Only the status text says so; an agreement with no verified status is not marked.
            "in_force": values["status"].lower().startswith("in force"),
            "has_sme_chapter": values["has_sme_chapter"],
            "sme_chapter_number": values["sme_chapter_number"][:20],
            "sme_chapter_title": values["sme_chapter_title"],
            "wto_rta_id": values["wto_rta_id"],
            "source_url": values["source_url"],
            "extra_sources": "\n".join(values["extra_sources"]),
            "note": values["note"],
        }
