"""What the section adds to every country profile: programmes, studies, best practices,
and a link to the trade partner page with the country as the exporter.

The three sections come from one query, kept in the shared cache until a programme,
study, best practice or country changes: a profile already spends most of the query
budget on its own, and the other apps add sections too.
"""

from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from msme_platform.core.caching import memo
from msme_platform.core.profiles import ProfileSection, register_profile_section

from .models import TradePartnerPage
from .models.common import public

PROFILE_LIMIT = 150


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
    return memo.remember(
        ("msme_section", "profile", locale_id, country.iso3),
        lambda: _query(country.iso3, locale_id),
    )


def section_items(key):
    return lambda country, locale_id: profile_items(country, locale_id)[key]


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


def trade_partner_url(locale_id):
    """The trade partner page of a language, kept for the content generation."""

    def compute():
        page = public(TradePartnerPage.objects.live().filter(locale_id=locale_id)).first()
        return (page.get_url() if page else "") or ""

    return memo.remember(("msme_section", "trade-partner-url", locale_id), compute)


def trade_partner_link(country, locale_id):
    url = trade_partner_url(locale_id)
    return [f"{url}?{urlencode({'exporter': country.iso3})}"] if url else []


register_profile_section(
    ProfileSection(
        key="trade-partner",
        title=_("Selling to another economy"),
        template="components/msme_section/profile_trade_partner.html",
        items=trade_partner_link,
        order=5,
    )
)
