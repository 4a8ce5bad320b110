"""Sections this app adds to every country profile (see ``core.profiles``)."""

from django.utils.translation import gettext_lazy as _

from msme_platform.core.collation import name_key
from msme_platform.core.profiles import ProfileSection, register_profile_section

from .catalogue import for_locale


def agreements_of(country, locale_id):
    """From the cached catalogue: no query once it is warm."""
    catalogue = for_locale(locale_id)
    found = [a for a in catalogue.agreements.values() if country.iso3 in a.party_codes]
    return sorted(found, key=lambda a: (-(a.year or 0), name_key(a.short_name)))


def tpr_entries_of(country, locale_id):
    catalogue = for_locale(locale_id)
    found = [
        r for r in catalogue.reviews.values() if country.iso3 in {code for code, _n in r.members}
    ]
    return sorted(found, key=lambda r: -r.year)


register_profile_section(
    ProfileSection(
        key="agreements",
        title=_("Regional trade agreements with MSME provisions"),
        template="components/policymaker_section/profile_agreements.html",
        items=agreements_of,
        order=10,
    )
)
register_profile_section(
    ProfileSection(
        key="trade-policy-reviews",
        title=_("MSMEs in its Trade Policy Reviews"),
        template="components/policymaker_section/profile_tprs.html",
        items=tpr_entries_of,
        order=20,
    )
)
