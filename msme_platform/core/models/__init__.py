from .pages import BasePage, HomePage, SearchPage, SectionPage, StandardPage
from .site_settings import SiteSettings
from .taxonomy import Country, Region, SourcedMixin, Topic

__all__ = [
    "BasePage",
    "Country",
    "HomePage",
    "Region",
    "SearchPage",
    "SectionPage",
    "SiteSettings",
    "SourcedMixin",
    "StandardPage",
    "Topic",
]
