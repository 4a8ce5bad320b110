"""The MSME section's front page: a Wagtail page so delegates write its introduction."""

from django.utils.translation import gettext_lazy as _

from msme_platform.core.models import SectionPage


class MSMESectionPage(SectionPage):
    template = "pages/core/section_page.html"
    subpage_types = [
        "core.StandardPage",
        "msme_section.ChallengeIndexPage",
        "msme_section.StudyIndexPage",
        "msme_section.ProgrammeFinderPage",
        "msme_section.TradePartnerPage",
        "msme_section.ResourcesPage",
        "events.EventIndexPage",
        "surveys.SurveyIndexPage",
    ]

    class Meta:
        verbose_name = _("MSME section page")
