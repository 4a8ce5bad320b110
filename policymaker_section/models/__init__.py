"""The Policymaker section: evidence and examples for governments supporting MSMEs.

Its front page is a Wagtail page so delegates write its introduction; the databases
hang below it as pages: regional trade agreements with their MSME provisions inline
(``agreements``) and MSME information in Trade Policy Reviews (``tprs``). Agreements and
reviews are pages because delegates publish them through the workflow and each has an
address; provisions are inline rows of their agreement; provision categories are an
editable, translatable vocabulary (a snippet).
"""

from django.utils.translation import gettext_lazy as _

from msme_platform.core.models import SectionPage

from .agreement_index import AgreementIndexPage
from .agreements import AgreementPage
from .provisions import Provision, ProvisionCategory
from .tprs import TPREntryPage, TPRIndexPage

__all__ = [
    "AgreementIndexPage",
    "AgreementPage",
    "PolicymakerSectionPage",
    "Provision",
    "ProvisionCategory",
    "TPREntryPage",
    "TPRIndexPage",
]


class PolicymakerSectionPage(SectionPage):
    template = "pages/core/section_page.html"
    subpage_types = [
        "core.StandardPage",
        "policymaker_section.AgreementIndexPage",
        "policymaker_section.TPRIndexPage",
        "msme_section.ProgrammeIndexPage",
        "msme_section.StudyIndexPage",
        "msme_section.BestPracticeIndexPage",
    ]

    class Meta:
        verbose_name = _("policymaker section page")
