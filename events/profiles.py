"""The events section of a country profile: events held in that country.

Most countries have no event, so the codes of the countries that do are kept in the memo
until content changes: a profile without events then costs no query at all.
"""

from django.utils.translation import gettext_lazy as _

from msme_platform.core.caching import memo
from msme_platform.core.profiles import ProfileSection, register_profile_section
from msme_platform.core.visibility import public

from .models import EventPage

PROFILE_EVENTS = 10


def countries_with_events():
    return memo.remember(
        ("countries-with-events",),
        lambda: frozenset(
            EventPage.objects.live()
            .exclude(country=None)
            .values_list("country__iso3", flat=True)
            .distinct()
        ),
    )


def events_in(country, locale_id):
    if country.iso3 not in countries_with_events():
        return []
    return public(
        EventPage.objects.live()
        .filter(country__iso3=country.iso3, locale_id=locale_id)
        .defer_streamfields()
        .select_related("locale")
        .order_by("-starts_at", "-pk")
    )[:PROFILE_EVENTS]


register_profile_section(
    ProfileSection(
        key="events",
        title=_("Conferences and workshops held here"),
        template="components/events/profile_events.html",
        items=events_in,
        order=60,
    )
)
