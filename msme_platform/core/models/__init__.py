from ..citations import CitableMixin
from .feedback import ErrorReport
from .imports import ImportRecord
from .pages import (
    BasePage,
    CountryIndexPage,
    HomePage,
    SearchPage,
    SectionPage,
    StandardPage,
    countries_for,
)
from .reviews import TranslationReview
from .search_terms import SearchSynonym
from .site_settings import SiteSettings
from .taxonomy import Country, ProvenanceMixin, Region, SourcedMixin, Topic

__all__ = [
    "BasePage",
    "CitableMixin",
    "Country",
    "ErrorReport",
    "CountryIndexPage",
    "countries_for",
    "HomePage",
    "ImportRecord",
    "Region",
    "SearchPage",
    "SearchSynonym",
    "SectionPage",
    "SiteSettings",
    "ProvenanceMixin",
    "SourcedMixin",
    "StandardPage",
    "Topic",
    "TranslationReview",
]
