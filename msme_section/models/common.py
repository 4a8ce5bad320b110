"""Small pieces the section's page types share."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from msme_platform.core.caching import memo
from msme_platform.core.models import BasePage
from msme_platform.core.visibility import public  # noqa: F401  (the section's import path)

# Programmes and studies are reference records with long official titles: a word in their
# title weighs as much as a word elsewhere, so the site's own pages (whose titles Wagtail
# boosts) come first on an equal match, e.g. "accessibility" against "WTO Accessions".
RECORD_SEARCH_FIELDS = [*Page.search_fields, index.SearchField("search_description")]

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

    def paginate_rows(self, request, queryset, row, filters):
        """``paginate``, with the total and each page's records as plain values (``row``)
        kept in the process memo until content changes, under ``filters`` (a string that
        says which records ``queryset`` holds)."""
        return memo.paginate(request, (self.pk, filters), queryset, self.PER_PAGE, row)


class KnownCountPaginator(Paginator):
    """A paginator told the total, when the page already counted it another way."""

    def __init__(self, object_list, per_page, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count


def use_cache(request):
    """Previews show the draft being edited, never a cached published version."""
    return not getattr(request, "is_preview", False)
