"""Country profiles gather what every app knows about one country.

An app adds a section to every profile by registering it, usually in its
``wagtail_hooks.py`` or ``AppConfig.ready()``::

    register_profile_section(
        ProfileSection(
            key="programmes",
            title=_("National support programmes"),
            template="components/profile/programmes.html",
            items=lambda country, locale_id: NationalProgrammePage.objects.live()
            .filter(country__iso3=country.iso3, locale_id=locale_id),
            order=30,
        )
    )

``items`` must return a bounded number of queries whatever the data size (use
``select_related``/``prefetch_related``); the section is left out when it is empty.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_SECTIONS = {}


@dataclass(frozen=True)
class ProfileSection:
    key: str
    title: Any
    template: str
    items: Callable
    order: int = 50


def register_profile_section(section):
    _SECTIONS[section.key] = section
    return section


def profile_sections(country, locale_id):
    """``(section, items)`` for every registered section that has something to show."""
    found = []
    for section in sorted(_SECTIONS.values(), key=lambda section: section.order):
        items = list(section.items(country, locale_id))
        if items:
            found.append((section, items))
    return found
