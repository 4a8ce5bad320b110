"""Studies and statistics: one page per study under the MSME section's study index,
listed again (the same records) by a study index in the Policymaker section."""

from urllib.parse import urlencode

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from msme_platform.core.api_fields import PROVENANCE_API_FIELDS, CodesField, permanent_url_field
from msme_platform.core.caching import memo
from msme_platform.core.models import BasePage, CitableMixin, Country, ProvenanceMixin, Topic

from ..enums import StudyType
from ..forms import StudyFilterForm
from .common import RECORD_SEARCH_FIELDS, IndexPage, public, use_cache


def live_studies(locale_id):
    return public(StudyPage.objects.live().filter(locale_id=locale_id))


class StudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "msme_section.StudyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StudyPage(CitableMixin, ProvenanceMixin, BasePage):
    template = "pages/msme_section/study_page.html"
    parent_page_types = ["msme_section.StudyIndexPage"]
    subpage_types = []

    organisation = models.CharField(
        _("organisation"), max_length=255, help_text=_("Who published it, as on the cover.")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("Year of publication; empty if unknown.")
    )
    study_type = models.CharField(
        _("type"),
        max_length=20,
        choices=StudyType.choices,
        default=StudyType.REPORT,
        help_text=_("What kind of publication it is; visitors can filter the studies by it."),
    )
    topics = ParentalManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_("The platform's topics this study is about; visitors filter by them."),
    )
    countries = ParentalManyToManyField(
        Country,
        verbose_name=_("countries"),
        blank=True,
        related_name="+",
        help_text=_("Countries the study is specifically about, if any."),
    )
    tags = ClusterTaggableManager(
        through=StudyTag,
        blank=True,
        verbose_name=_("other keywords"),
        help_text=_("Free keywords that are not platform topics."),
    )
    link = models.URLField(
        _("link"), max_length=500, blank=True, help_text=_("Where to read or download it.")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Upload the file only if its licence allows it and there is no link."),
    )
    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("year"), FieldPanel("study_type")]),
        MultiFieldPanel(
            [FieldPanel("topics"), FieldPanel("countries"), FieldPanel("tags")],
            heading=_("What it is about"),
        ),
        InlinePanel("key_figures", heading=_("Key figures"), label=_("Key figure")),
        MultiFieldPanel(
            [FieldPanel("link"), FieldPanel("document")],
            heading=_("Where to find it"),
        ),
        MultiFieldPanel([*ProvenanceMixin.provenance_panels], heading=_("Source and checks")),
    ]
    search_fields = [
        *RECORD_SEARCH_FIELDS,
        index.SearchField("organisation"),
        index.AutocompleteField("organisation"),
        index.FilterField("organisation"),
        index.FilterField("year"),
        index.FilterField("study_type"),
    ]
    api_fields = [
        APIField("organisation"),
        APIField("year"),
        APIField("study_type"),
        APIField("topics", serializer=CodesField("slug")),
        APIField("countries", serializer=CodesField("iso3")),
        APIField("link"),
        APIField("key_figures"),
        permanent_url_field(),
        *PROVENANCE_API_FIELDS,
    ]
    api_country_lookup = "countries__iso3"
    api_topic_lookup = "topics__slug"
    api_prefetch = ("topics", "countries", "key_figures")

    class Meta:
        verbose_name = _("study")
        verbose_name_plural = _("studies")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if use_cache(request):
            context["details"] = memo.remember(
                ("msme_section", "study", self.pk, self.latest_revision_id), self.details
            )
        else:
            context["details"] = self.details()
        return context

    def details(self):
        """What the page shows beside its own fields, as plain values."""
        return {
            "about": [topic.name for topic in self.topics.all()]
            + [country.name for country in self.countries.all()]
            + sorted(tag.name for tag in self.tags.all()),
            "figures": [
                {
                    "value": figure.value,
                    "label": figure.label,
                    "year": figure.year,
                    "source_title": figure.source_title,
                    "source_url": figure.source_url,
                }
                for figure in self.key_figures.all()
            ],
            "document": (
                {"url": self.document.url, "title": self.document.title}
                if self.document_id
                else None
            ),
        }


class StudyKeyFigure(TranslatableMixin, Orderable):
    """A headline number from a study, with the year it describes and where it is stated.

    Translatable so that wagtail-localize offers its label with the rest of the study; the
    figure itself and the title of the publication it comes from are copied as they are.
    """

    page = ParentalKey(StudyPage, on_delete=models.CASCADE, related_name="key_figures")
    value = models.CharField(
        _("figure"), max_length=40, help_text=_("As it should read, e.g. 34%.")
    )
    label = models.CharField(
        _("what it measures"),
        max_length=255,
        help_text=_("Plain words, e.g. “share of employment in MSMEs, 2019”."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("The year the figure refers to.")
    )
    source_title = models.CharField(
        _("source title"),
        max_length=255,
        blank=True,
        help_text=_("The publication the figure comes from, if not the study itself."),
    )
    source_url = models.URLField(
        _("source URL"), max_length=500, help_text=_("Where a reader can check the figure.")
    )

    panels = [
        FieldRowPanel([FieldPanel("value"), FieldPanel("year")]),
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("source_title"), FieldPanel("source_url")]),
    ]
    override_translatable_fields = [SynchronizedField("value"), SynchronizedField("source_title")]
    api_fields = [
        APIField("value"),
        APIField("label"),
        APIField("year"),
        APIField("source_title"),
        APIField("source_url"),
    ]

    class Meta(Orderable.Meta):
        unique_together = [("translation_key", "locale")]


class StudyIndexPage(IndexPage):
    """Every study in the visitor's language, filterable; may stand in either section."""

    template = "pages/msme_section/study_index_page.html"
    parent_page_types = [
        "msme_section.MSMESectionPage",
        "policymaker_section.PolicymakerSectionPage",
    ]
    subpage_types = ["msme_section.StudyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("study index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = StudyFilterForm(request.GET or None, locale_id=self.locale_id)
        results = form.filter(live_studies(self.locale_id)).order_by(
            models.F("year").desc(nulls_last=True), "title"
        )
        filters = urlencode(sorted(form.clean_values().items())) if form.is_bound else ""
        context.update(form=form, studies=self.paginate_rows(request, results, self.row, filters))
        return context

    @staticmethod
    def row(study, request):
        return {
            "url": study.get_url(request),
            "title": study.title,
            "organisation": study.organisation,
            "type": study.get_study_type_display(),
            "year": study.year,
            "search_description": study.search_description,
        }
