"""Importers for the section's data sets, through the shared import layer.

Programmes and studies are pages: a row creates a child of the index page and publishes
it; an unchanged row is left alone, so importing the same file twice changes nothing."""

from msme_platform.core.importing import register_importer

from .pages import PageImporter, countries_by_iso3
from .programmes import PROGRAMME_TYPES, ProgrammeImporter
from .resources import ResourceImporter, default_resource_needs
from .studies import STUDY_TOPIC_MAP, STUDY_TYPES, StudyImporter, study_year

register_importer("programmes")(ProgrammeImporter)
register_importer("studies")(StudyImporter)
register_importer("resources")(ResourceImporter)

__all__ = [
    "PageImporter",
    "countries_by_iso3",
    "PROGRAMME_TYPES",
    "ProgrammeImporter",
    "STUDY_TYPES",
    "STUDY_TOPIC_MAP",
    "study_year",
    "StudyImporter",
    "ResourceImporter",
    "default_resource_needs",
]
