"""Filter choices, from the shared cache: lists of codes and names, no query per request."""

from collections import Counter

from django.conf import settings

from msme_platform.core.caching import memo
from msme_platform.core.collation import sorted_by_name
from msme_platform.core.models import Region, Topic, countries_for


def country_choices(locale_id):
    """``[(iso3, name)]`` in the visitor's language (or the default one)."""
    return memo.remember(
        ("msme_section", "countries", locale_id),
        lambda: sorted_by_name(
            countries_for(locale_id).values_list("iso3", "name"), lambda pair: pair[1]
        ),
    )


def programme_country_choices(locale_id):
    """``[(iso3, "Name (n)")]``: only the countries with a live programme in the visitor's
    language, each with its number of programmes, so no choice leads to an empty list."""

    def compute():
        from .models.programmes import live_programmes  # the models import this module

        counts = Counter(
            live_programmes(locale_id).order_by().values_list("country__iso3", flat=True)
        )
        return [
            (iso3, f"{name} ({counts[iso3]})")
            for iso3, name in country_choices(locale_id)
            if counts.get(iso3)
        ]

    return memo.remember(("msme_section", "programme-countries", locale_id), compute)


def region_choices(locale_id):
    def compute():
        regions = countries_for(locale_id).values("region")
        return sorted_by_name(
            Region.objects.filter(pk__in=regions).values_list("slug", "name"), lambda pair: pair[1]
        )

    return memo.remember(("msme_section", "regions", locale_id), compute)


def topic_choices(locale_id):
    def compute():
        topics = Topic.objects.filter(locale_id=locale_id)
        if not topics.exists():
            topics = Topic.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        return sorted_by_name(topics.values_list("slug", "name"), lambda pair: pair[1])

    return memo.remember(("msme_section", "topics", locale_id), compute)


def study_facets(locale_id):
    """``(organisations, years)`` of the live studies in a language."""

    def compute():
        # Imported here to avoid a cycle: core.models.pages imports this module, and the
        # studies model imports core.models.
        from .models.studies import live_studies

        pairs = list(
            live_studies(locale_id).order_by().values_list("organisation", "year").distinct()
        )
        return (
            sorted_by_name({organisation for organisation, _year in pairs}),
            sorted({year for _organisation, year in pairs if year}, reverse=True),
        )

    return memo.remember(("msme_section", "study-facets", locale_id), compute)
