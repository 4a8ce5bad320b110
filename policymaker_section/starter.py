"""Starter content of the Policymaker section: the two database pages and their data."""

from msme_platform.core.importing import IMPORTERS
from msme_platform.core.starter import ensure_page, import_starter_file

from .models import PolicymakerSectionPage

INDEX_PAGES = [
    {
        "type": "policymaker_section.AgreementIndexPage",
        "slug": "trade-agreements",
        "title": "MSME provisions in regional trade agreements",
        "summary": (
            "Regional trade agreements and the articles in them that concern MSMEs: filter by "
            "party, category and date, compare agreements, and download the data."
        ),
        "intro": (
            "Each agreement lists its MSME-related provisions with a plain-language summary "
            "and a link to the text. Where a date, status or link could not be checked against "
            "a source, it is left empty and marked as not verified."
        ),
    },
    {
        "type": "policymaker_section.TPRIndexPage",
        "slug": "trade-policy-reviews",
        "title": "MSMEs in Trade Policy Reviews",
        "summary": (
            "What WTO members report about MSMEs in their Trade Policy Reviews, with the report "
            "symbols and sources."
        ),
        "intro": (
            "Since 2020 the Group has encouraged members to include information on MSMEs in "
            "their Trade Policy Reviews. Each entry says how far a source confirms that the "
            "review covers MSMEs."
        ),
    },
]

# Snippets whose French and Spanish versions come from the starter catalogues.
TRANSLATED_SNIPPETS = ["policymaker_section.ProvisionCategory"]

DATA_FILES = [
    ("provision_categories", "rta_provision_categories.csv"),
    ("agreements", "rta_agreements.csv"),
    ("provisions", "rta_provisions.csv"),
    ("tpr_entries", "tpr_entries.csv"),
]


def load(home, report):
    section = PolicymakerSectionPage.objects.child_of(home).first()
    if section is None:
        return
    for spec in INDEX_PAGES:
        ensure_page(section, spec, report)
    for kind, filename in DATA_FILES:
        import_starter_file(IMPORTERS[kind](), filename, report)
