"""The section's downloads, registered with core's open-data list (``core/open_data.py``):
the OpenAPI description and the Frictionless data package are built from it."""

from django.utils.translation import gettext_lazy as _

from msme_platform.core.open_data import Export, register_export

from . import exports
from .models import AgreementIndexPage, AgreementPage, TPREntryPage, TPRIndexPage

register_export(
    Export(
        key="agreements",
        title=_("Agreements"),
        description=_("Regional trade agreements with MSME provisions, one row per agreement."),
        index_model=AgreementIndexPage,
        route="export_agreements",
        columns=tuple(exports.AGREEMENT_COLUMNS),
        types={
            "status_recorded_year": "integer",
            "in_force": "boolean",
            "has_sme_chapter": "boolean",
            "wto_rta_id": "integer",
            "provision_count": "integer",
            "url": "uri",
        },
        order=10,
    )
)
register_export(
    Export(
        key="provisions",
        title=_("Provisions"),
        description=_("MSME provisions of the agreements, one row per provision."),
        index_model=AgreementIndexPage,
        route="export_provisions",
        columns=tuple(exports.PROVISION_COLUMNS),
        types={
            "provision_id": "integer",
            "category_provisional": "boolean",
            "permalink": "uri",
            "permanent_url": "uri",
        },
        order=20,
    )
)
register_export(
    Export(
        key="trade-policy-reviews",
        title=_("Trade Policy Reviews"),
        description=_("What the WTO's Trade Policy Reviews say about MSMEs, one row per review."),
        index_model=TPRIndexPage,
        route="export",
        columns=tuple(exports.TPR_COLUMNS),
        types={"review_year": "integer", "review_number": "integer", "url": "uri"},
        order=30,
    )
)
register_export(
    Export(
        key="agreement",
        title=_("One agreement"),
        description=_("One agreement and its provisions, with the same names as the files."),
        index_model=AgreementPage,
        route="as_json",
        formats=("json",),
        format_in_url=False,
        per_record=True,
        order=40,
    )
)
register_export(
    Export(
        key="trade-policy-review",
        title=_("One Trade Policy Review"),
        description=_("One Trade Policy Review entry, with the same names as the file."),
        index_model=TPREntryPage,
        route="as_json",
        formats=("json",),
        format_in_url=False,
        per_record=True,
        order=41,
    )
)
