"""Importers for the agreements, provisions, provision categories and Trade Policy Reviews.

They read the CSV formats of ``starter_data/`` (described in its SOURCES.md) through the
shared import layer, so a file is checked whole before anything is written and running it
twice changes nothing. Agreements and reviews are pages: a new or changed record is saved
as a revision and published, exactly as if a delegate had done it in the admin."""

from .agreements import AGREEMENT_TYPES, AgreementImporter
from .categories import ProvisionCategoryImporter
from .cells import SYMBOL, iso_date, optional_year, symbol, whole_number, year, yes_no_unknown
from .pages import CountryLookup, PageImporter, PagePlan
from .provisions import ProvisionImporter
from .reviews import TPR_SUBJECT_TOPICS, TPR_SUBJECTS, TPREntryImporter

__all__ = [
    "SYMBOL",
    "yes_no_unknown",
    "whole_number",
    "year",
    "optional_year",
    "iso_date",
    "symbol",
    "CountryLookup",
    "PagePlan",
    "PageImporter",
    "ProvisionCategoryImporter",
    "AGREEMENT_TYPES",
    "AgreementImporter",
    "ProvisionImporter",
    "TPR_SUBJECT_TOPICS",
    "TPR_SUBJECTS",
    "TPREntryImporter",
]
