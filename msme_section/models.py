"""The MSME section: what a business owner needs to trade across borders.

Its front page is a Wagtail page so delegates write its introduction; the section's
listings (challenges, studies, programme finder, resources) hang below it as pages.
"""

from django.utils.translation import gettext_lazy as _

from msme_platform.core.models import SectionPage


class MSMESectionPage(SectionPage):
    template = "pages/core/section_page.html"
    subpage_types = ["core.StandardPage", "events.EventIndexPage", "surveys.SurveyIndexPage"]

    class Meta:
        verbose_name = _("MSME section page")
