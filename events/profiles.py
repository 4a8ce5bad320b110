"""The events section of a country profile: events held in that country.

Most countries have no event, so the codes of the countries that do are kept in the cache
(dropped whenever an event is published, unpublished or deleted): a profile without events
then costs no query at all.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished

from msme_platform.core.profiles import ProfileSection, register_profile_section
from msme_platform.core.visibility import public

PROFILE_EVENTS = 10
COUNTRIES_KEY = "events:countries-with-events"


def countries_with_events():
    from .models import EventPage

    codes = cache.get(COUNTRIES_KEY)
    if codes is None:
        codes = set(
            EventPage.objects.live()
            .exclude(country=None)
            .values_list("country__iso3", flat=True)
            .distinct()
        )
        cache.set(COUNTRIES_KEY, codes, 60 * 60)
    return codes


def events_in(country, locale_id):
    from .models import EventPage

    if country.iso3 not in countries_with_events():
        return []
    return public(
        EventPage.objects.live()
        .filter(country__iso3=country.iso3, locale_id=locale_id)
        .defer_streamfields()
        .select_related("locale")
        .order_by("-starts_at", "-pk")
    )[:PROFILE_EVENTS]


def forget_countries(sender, instance=None, **kwargs):
    from .models import EventPage

    if isinstance(instance, EventPage) or sender is EventPage:
        cache.delete(COUNTRIES_KEY)


page_published.connect(forget_countries, dispatch_uid="events-profile-published")
page_unpublished.connect(forget_countries, dispatch_uid="events-profile-unpublished")
post_delete.connect(forget_countries, dispatch_uid="events-profile-deleted")

register_profile_section(
    ProfileSection(
        key="events",
        title=_("Conferences and workshops held here"),
        template="components/events/profile_events.html",
        items=events_in,
        order=60,
    )
)
