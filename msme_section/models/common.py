"""Small pieces the section's page types share."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from msme_platform.core.models import BasePage

INTRO_HELP = _("A sentence or two above the list: what a visitor finds here and how to use it.")


class IndexPage(BasePage):
    """A listing page: an introduction, then filtered, paginated records."""

    PER_PAGE = 20

    intro = models.TextField(_("introduction"), blank=True, help_text=INTRO_HELP)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    def paginate(self, request, queryset):
        return Paginator(queryset, self.PER_PAGE).get_page(request.GET.get("page"))
