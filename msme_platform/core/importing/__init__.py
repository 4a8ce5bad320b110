"""The CSV import layer: one parser for every data set the site loads.

An importer reads a whole file before it writes anything. Every problem is reported with
the file, line and column at fault; a file with any problem writes nothing. A clean file
is compared with what the database holds, row by row, so a preview can say what would be
created, updated or left unchanged, and running the same file twice changes nothing.

Files for records with provenance may add a ``last_verified`` column (``YYYY-MM-DD``, the
day the row was checked against its ``source_url``); none of the starter files has one, so
their records start as never checked rather than with an invented date.

Subclasses declare their columns and key; the management commands, the starter content and
the admin upload all go through ``CSVImporter.read()`` and ``ImportPlan.apply()``.
"""

from .cells import (
    VERIFIED_COLUMN,
    CellError,
    ImportFileError,
    RowError,
    choice,
    multi,
    partial_date,
    text,
    url,
    verification_date,
    yes_no,
)
from .importer import IMPORTERS, Column, CSVImporter, ImportPlan, PlannedRow, register_importer
from .taxonomy import CountryImporter, RegionImporter, TopicImporter

__all__ = [
    "RowError",
    "ImportFileError",
    "CellError",
    "text",
    "yes_no",
    "url",
    "partial_date",
    "choice",
    "multi",
    "VERIFIED_COLUMN",
    "verification_date",
    "IMPORTERS",
    "Column",
    "CSVImporter",
    "ImportPlan",
    "PlannedRow",
    "register_importer",
    "CountryImporter",
    "RegionImporter",
    "TopicImporter",
]
