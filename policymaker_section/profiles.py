"""Sections this app adds to every country profile (see ``core.profiles``)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from msme_platform.core.profiles import ProfileSection, register_profile_section


def agreements_of(country, locale_id):
    from .models import AgreementPage

    return (
        AgreementPage.objects.live()
        .filter(locale_id=locale_id, parties__iso3=country.iso3)
        .annotate(provision_total=Count("provisions"))
        .order_by("-entry_into_force_year", "title")
        .defer_streamfields()
    )


def tpr_entries_of(country, locale_id):
    from .models import TPREntryPage

    return (
        TPREntryPage.objects.live()
        .filter(locale_id=locale_id, members__iso3=country.iso3)
        .order_by("-review_year")
        .defer_streamfields()
    )


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
