"""MSME information in the WTO's Trade Policy Reviews: one page per review of a member.

Pages, like agreements, so delegates publish them through the workflow and each entry
has its own address and JSON representation.
"""

from django.db import models
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from msme_platform.core.api_fields import PROVENANCE_API_FIELDS, CodesField, permanent_url_field
from msme_platform.core.models import BasePage, CitableMixin, ProvenanceMixin
from msme_platform.core.models.taxonomy import Country, Topic

from .. import catalogue as catalogues
from .. import explorer, exports
from ..enums import CoverageVerified
from .child_route import ChildRouteMixin


class TPRIndexPage(ChildRouteMixin, RoutablePageMixin, BasePage):
    template = "pages/policymaker_section/tpr_index_page.html"
    parent_page_types = ["policymaker_section.PolicymakerSectionPage"]
    subpage_types = ["policymaker_section.TPREntryPage"]
    max_count_per_parent = 1

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two above the list: what the reviews database holds."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("Trade Policy Review index page")

    @property
    def child_model(self):
        return TPREntryPage

    def entries(self):
        return TPREntryPage.objects.live().filter(locale_id=self.locale_id)

    @path("")
    def index(self, request):
        return self.render(request, context_overrides=explorer.tpr_context(self, request))

    @path("export/<slug:fmt>/")
    def export(self, request, fmt):
        return exports.export_tprs(self, request, fmt)


class TPREntryPage(CitableMixin, ProvenanceMixin, RoutablePageMixin, BasePage):
    """What one Trade Policy Review says about MSMEs, with its documents."""

    template = "pages/policymaker_section/tpr_entry_page.html"
    parent_page_types = ["policymaker_section.TPRIndexPage"]
    subpage_types = []

    code = models.SlugField(
        _("code"),
        max_length=80,
        help_text=_("A stable identifier such as chn-2024 (members and year). Do not change it."),
    )
    members = ParentalManyToManyField(
        Country,
        verbose_name=_("member(s) reviewed"),
        related_name="tpr_entries",
        help_text=_(
            "Usually one; several for a joint review (e.g. Switzerland and Liechtenstein)."
        ),
    )
    review_year = models.PositiveSmallIntegerField(
        _("review year"),
        db_index=True,
        help_text=_("Year of the Trade Policy Review Body meeting."),
    )
    review_number = models.PositiveSmallIntegerField(
        _("review number"),
        null=True,
        blank=True,
        help_text=_("Which review of this member it is (1 for the first). Empty if not verified."),
    )
    meeting_dates = models.CharField(
        _("meeting dates"),
        max_length=120,
        blank=True,
        help_text=_("Dates of the meeting as YYYY-MM-DD, separated by semicolons."),
    )
    secretariat_report_symbol = models.CharField(
        _("Secretariat report symbol"),
        max_length=40,
        blank=True,
        help_text=_("WT/TPR/S/…, only as seen in a source. Never guess a symbol."),
    )
    government_report_symbol = models.CharField(
        _("Government report symbol"),
        max_length=40,
        blank=True,
        help_text=_("WT/TPR/G/…, only as seen in a source. Never guess a symbol."),
    )
    coverage_verified = models.CharField(
        _("MSME coverage"),
        max_length=10,
        choices=CoverageVerified.choices,
        help_text=_("How far a source confirms that the review covers MSMEs."),
    )
    msme_definition = models.TextField(
        _("MSME definition used"), blank=True, help_text=_("As the review states it.")
    )
    headline_figures = models.TextField(
        _("headline figures"),
        blank=True,
        help_text=_(
            "Number of MSMEs, share of employment, GDP, exports: each with its year, one a line."
        ),
    )
    programmes_mentioned = models.TextField(
        _("programmes mentioned"), blank=True, help_text=_("One programme a line.")
    )
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("topics"), related_name="tpr_entries", blank=True
    )
    msme_topics_reported = models.CharField(
        _("MSME subjects reported"),
        max_length=255,
        blank=True,
        help_text=_("The subjects as the source lists them, separated by semicolons."),
    )
    note = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("What the review says about MSMEs, in your own words."),
    )
    msme_evidence_url = models.URLField(
        _("MSME evidence URL"),
        max_length=500,
        blank=True,
        help_text=_("Where the claim that MSMEs are covered can be checked."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("members"),
                FieldRowPanel([FieldPanel("review_year"), FieldPanel("review_number")]),
                FieldPanel("meeting_dates"),
                FieldRowPanel(
                    [
                        FieldPanel("secretariat_report_symbol"),
                        FieldPanel("government_report_symbol"),
                    ]
                ),
            ],
            heading=_("Review"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("coverage_verified"),
                FieldPanel("msme_definition"),
                FieldPanel("headline_figures"),
                FieldPanel("programmes_mentioned"),
                FieldPanel("topics"),
                FieldPanel("msme_topics_reported"),
                FieldPanel("note"),
            ],
            heading=_("MSMEs in the review"),
        ),
        MultiFieldPanel(
            [*ProvenanceMixin.provenance_panels, FieldPanel("msme_evidence_url")],
            heading=_("Sources and checks"),
        ),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("code"),
        SynchronizedField("meeting_dates"),
        SynchronizedField("secretariat_report_symbol"),
        SynchronizedField("government_report_symbol"),
        SynchronizedField("msme_topics_reported"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("note"),
        index.SearchField("msme_definition"),
        index.FilterField("review_year"),
        index.FilterField("coverage_verified"),
    ]
    api_fields = [
        APIField("code"),
        APIField("members", serializer=CodesField("iso3")),
        APIField("review_year"),
        APIField("review_number"),
        APIField("meeting_dates"),
        APIField("secretariat_report_symbol"),
        APIField("government_report_symbol"),
        APIField("coverage_verified"),
        APIField("topics", serializer=CodesField("slug")),
        APIField("msme_topics_reported"),
        APIField("msme_definition"),
        APIField("headline_figures"),
        APIField("programmes_mentioned"),
        APIField("note"),
        APIField("msme_evidence_url"),
        permanent_url_field(),
        *PROVENANCE_API_FIELDS,
    ]
    api_country_lookup = "members__iso3"
    api_topic_lookup = "topics__slug"
    api_prefetch = ("members", "topics")

    class Meta:
        verbose_name = _("Trade Policy Review entry")
        verbose_name_plural = _("Trade Policy Review entries")

    def meeting_date_list(self):
        return [part.strip() for part in self.meeting_dates.split(";") if part.strip()]

    def lines(self, name):
        return [line.strip() for line in getattr(self, name).splitlines() if line.strip()]

    @path("")
    def detail(self, request):
        return self.render(
            request,
            context_overrides=self.detail_context(),
        )

    def detail_context(self):
        catalogue = catalogues.for_page(self)
        facts = catalogue.reviews.get(self.pk)
        if facts is None:  # a preview or an unpublished page is not in the catalogue
            members = [(c.iso3, c.name) for c in self.members.all()]
            topics = [t.name for t in self.topics.all()]
        else:
            members = facts.members
            topics = sorted(catalogue.topics[slug] for slug in facts.topics)
        return {
            "members_list": members,
            "topic_list": topics,
            "country_index_url": catalogue.country_index_url,
        }

    @path("json/")
    def as_json(self, request):
        return JsonResponse(
            exports.tpr_record(self, request),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
