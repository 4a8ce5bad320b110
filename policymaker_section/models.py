"""The Policymaker section: evidence and examples for governments supporting MSMEs.

Its front page is a Wagtail page so delegates write its introduction; the databases
(RTA provisions, Trade Policy Reviews, best practices, programmes) hang below it as pages.
"""

from django.utils.translation import gettext_lazy as _

from msme_platform.core.models import SectionPage


class PolicymakerSectionPage(SectionPage):
    template = "pages/core/section_page.html"
    subpage_types = [
        "core.StandardPage",
        "msme_section.ProgrammeIndexPage",
        "msme_section.StudyIndexPage",
        "msme_section.BestPracticeIndexPage",
    ]

    class Meta:
        verbose_name = _("policymaker section page")
