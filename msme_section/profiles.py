"""What the section adds to every country profile: programmes, studies, best practices.

The three sections come from one query, kept in the shared cache until a programme,
study, best practice or country changes: a profile already spends most of the query
budget on its own, and the other apps add sections too.
"""

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from msme_platform.core.profiles import ProfileSection, register_profile_section

PROFILE_LIMIT = 150
CACHE_TIMEOUT = 60 * 60
VERSION_KEY = "msme_section:profile-version"


def public(pages):
    """Like ``.public()``, but inside the same query instead of one more."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.exclude(Exists(restricted))


def _version():
    cache.add(VERSION_KEY, 1, None)
    return cache.get(VERSION_KEY, 1)


def forget_profiles(**kwargs):
    """Called when a record shown on profiles changes: later requests query afresh."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _query(iso3, locale_id):
    pages = (
        public(
            Page.objects.live()
            .filter(locale_id=locale_id)
            .filter(
                Q(nationalprogrammepage__country__iso3=iso3)
                | Q(studypage__countries__iso3=iso3)
                | Q(bestpracticepage__countries__iso3=iso3)
            )
            .select_related(
                "nationalprogrammepage__country",
                "nationalprogrammepage__locale",
                "studypage__locale",
                "bestpracticepage__locale",
            )
        )
        .distinct()
        .order_by("title")[:PROFILE_LIMIT]
    )
    found = {"programmes": [], "studies": [], "best-practices": []}
    for page in pages:
        for attribute, key in (
            ("nationalprogrammepage", "programmes"),
            ("studypage", "studies"),
            ("bestpracticepage", "best-practices"),
        ):
            specific = getattr(page, attribute, None)
            if specific is not None:
                found[key].append(specific)
                break
    return found


def profile_items(country, locale_id):
    key = f"msme_section:profile:{_version()}:{locale_id}:{country.iso3}"
    found = cache.get(key)
    if found is None:
        found = _query(country.iso3, locale_id)
        cache.set(key, found, CACHE_TIMEOUT)
    return found


def section_items(key):
    return lambda country, locale_id: profile_items(country, locale_id)[key]


def connect_signals():
    from msme_platform.core.models import Country

    from .models import BestPracticePage, NationalProgrammePage, StudyPage

    for model in (NationalProgrammePage, StudyPage, BestPracticePage, Country):
        post_save.connect(forget_profiles, sender=model, dispatch_uid=f"msme-profile-{model}")
        post_delete.connect(forget_profiles, sender=model, dispatch_uid=f"msme-profile-del-{model}")


register_profile_section(
    ProfileSection(
        key="programmes",
        title=_("National support programmes"),
        template="components/msme_section/profile_programmes.html",
        items=section_items("programmes"),
        order=30,
    )
)
register_profile_section(
    ProfileSection(
        key="studies",
        title=_("Studies about this country"),
        template="components/msme_section/profile_studies.html",
        items=section_items("studies"),
        order=40,
    )
)
register_profile_section(
    ProfileSection(
        key="best-practices",
        title=_("Government best practices"),
        template="components/msme_section/profile_best_practices.html",
        items=section_items("best-practices"),
        order=45,
    )
)
