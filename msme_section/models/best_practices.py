"""Government best practices: what a member did about a problem, and what came of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from msme_platform.core.caching import memo
from msme_platform.core.collation import sorted_by_name
from msme_platform.core.models import (
    BasePage,
    CitableMixin,
    Country,
    ProvenanceMixin,
    Region,
    Topic,
)

from ..forms import BestPracticeFilterForm
from .common import IndexPage, public, use_cache


def live_best_practices(locale_id):
    return public(BestPracticePage.objects.live().filter(locale_id=locale_id))


class BestPracticePage(CitableMixin, ProvenanceMixin, BasePage):
    template = "pages/msme_section/best_practice_page.html"
    parent_page_types = ["msme_section.BestPracticeIndexPage"]
    subpage_types = []

    countries = ParentalManyToManyField(
        Country,
        verbose_name=_("countries"),
        blank=True,
        related_name="+",
        help_text=_("The member or members that carried out the practice."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Use when the practice is regional rather than national."),
    )
    topics = ParentalManyToManyField(
        Topic,
        verbose_name=_("policy area"),
        blank=True,
        related_name="+",
        help_text=_("The policy areas the practice belongs to."),
    )
    problem = RichTextField(
        _("the problem"),
        features=settings.RICH_TEXT_BASIC,
        help_text=_("What small firms faced before, in a few sentences."),
    )
    what_was_done = RichTextField(
        _("what was done"),
        features=settings.RICH_TEXT_FULL,
        help_text=_("The measure, who ran it and since when."),
    )
    outcome = RichTextField(
        _("outcome"),
        features=settings.RICH_TEXT_BASIC,
        blank=True,
        help_text=_("What changed, with figures only where a source gives them."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("countries"), FieldPanel("region"), FieldPanel("topics")],
            heading=_("Where and what"),
        ),
        FieldPanel("problem"),
        FieldPanel("what_was_done"),
        FieldPanel("outcome"),
        InlinePanel("sources", heading=_("Sources"), label=_("Source"), min_num=1),
        MultiFieldPanel([*ProvenanceMixin.provenance_panels], heading=_("Main source and checks")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("problem"),
        index.SearchField("what_was_done"),
        index.SearchField("outcome"),
    ]

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if use_cache(request):
            context["details"] = memo.remember(
                ("msme_section", "best-practice", self.pk, self.latest_revision_id), self.details
            )
        else:
            context["details"] = self.details()
        return context

    def details(self):
        return {
            "where": [country.name for country in self.countries.all()]
            or ([self.region.name] if self.region_id else []),
            "topics": [topic.name for topic in self.topics.all()],
            "sources": [(source.title, source.url) for source in self.sources.all()],
        }


class BestPracticeSource(Orderable):
    page = ParentalKey(BestPracticePage, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(
        _("title"), max_length=255, help_text=_("The document or page title, as published.")
    )
    url = models.URLField(
        _("address"), max_length=500, help_text=_("Where a visitor can read it (https://…).")
    )

    panels = [FieldPanel("title"), FieldPanel("url")]


class BestPracticeIndexPage(IndexPage):
    template = "pages/msme_section/best_practice_index_page.html"
    parent_page_types = ["policymaker_section.PolicymakerSectionPage"]
    subpage_types = ["msme_section.BestPracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("best practice index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = BestPracticeFilterForm(request.GET or None, locale_id=self.locale_id)
        practices = form.filter(live_best_practices(self.locale_id)).order_by("title")
        page = self.paginate(request, practices)
        labels = memo.remember(
            ("msme_section", "best-practice-labels", self.locale_id), self.card_labels
        )
        for practice in page:
            practice.card_label = labels.get(practice.pk, "")
        context.update(form=form, practices=page)
        return context

    def card_labels(self):
        """``{page id: "Country, Country · Topic"}`` for every best practice in the language."""
        places, topics = {}, {}
        countries = BestPracticePage.countries.through.objects.filter(
            bestpracticepage__locale_id=self.locale_id
        ).values_list("bestpracticepage_id", "country__name")
        for page_id, name in sorted_by_name(countries, lambda pair: pair[1]):
            places.setdefault(page_id, []).append(name)
        regions = BestPracticePage.objects.filter(
            locale_id=self.locale_id, region__isnull=False
        ).values_list("pk", "region__name")
        for page_id, name in regions:
            places.setdefault(page_id, [name])
        through = BestPracticePage.topics.through.objects.filter(
            bestpracticepage__locale_id=self.locale_id
        ).values_list("bestpracticepage_id", "topic__name")
        for page_id, name in sorted_by_name(through, lambda pair: pair[1]):
            topics.setdefault(page_id, []).append(name)
        return {
            page_id: " · ".join(
                part
                for part in (", ".join(places.get(page_id, [])), ", ".join(topics.get(page_id, [])))
                if part
            )
            for page_id in set(places) | set(topics)
        }
