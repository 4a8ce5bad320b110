"""The events section of a country profile: events held in that country."""

from django.utils.translation import gettext_lazy as _

from msme_platform.core.profiles import ProfileSection, register_profile_section

PROFILE_EVENTS = 10


def events_in(country, locale_id):
    from .models import EventPage

    return (
        EventPage.objects.live()
        .public()
        .filter(country__iso3=country.iso3, locale_id=locale_id)
        .defer_streamfields()
        .select_related("locale")
        .order_by("-starts_at", "-pk")[:PROFILE_EVENTS]
    )


register_profile_section(
    ProfileSection(
        key="events",
        title=_("Conferences and workshops held here"),
        template="components/events/profile_events.html",
        items=events_in,
        order=60,
    )
)
