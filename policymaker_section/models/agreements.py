"""Regional trade agreements and their MSME provisions.

An agreement is a page (delegates write and publish it through the workflow, and it has
its own address); its provisions are inline, orderable rows of that page, so an agreement
and its provisions are edited and published together. Provision categories are editable
vocabulary (a translatable snippet), not hard-coded choices.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from msme_platform.core.api_fields import (
    PROVENANCE_API_FIELDS,
    CodesField,
    ProvisionURLField,
    permanent_url_field,
)
from msme_platform.core.caching import memo
from msme_platform.core.choices import ChoiceLabelsMixin
from msme_platform.core.models import BasePage, CitableMixin, ProvenanceMixin
from msme_platform.core.models.taxonomy import Country
from msme_platform.core.open_data import datapackage as build_datapackage

from .. import catalogue as catalogues
from .. import explorer, exports, provision_pages
from ..enums import AgreementType, CategoryGroup, LegalIntensity

# Languages a treaty text is quoted in: the WTO's three.
# Names as they read in "Quoted from the treaty text, in …" (lower case in French and Spanish).
QUOTATION_LANGUAGES = [
    ("en", pgettext_lazy("language of a quotation", "English")),
    ("fr", pgettext_lazy("language of a quotation", "French")),
    ("es", pgettext_lazy("language of a quotation", "Spanish")),
]
# A status recorded this many years ago or more may have changed since: visitors are told.
STATUS_CHECK_AGE = 2


class ChildRouteMixin:
    """Find a child page and its specific type in one query instead of two.

    Wagtail looks a child up by slug, then loads its specific class; an index knows its
    children's one type, so it asks for it directly. Sub-routes of the index come first.
    """

    child_model = None

    def route(self, request, path_components):
        if path_components and self.live:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                child = (
                    self.child_model.objects.filter(
                        path__startswith=self.path, depth=self.depth + 1, slug=path_components[0]
                    )
                    .defer_streamfields()
                    .first()
                )
                if child is not None:
                    return child.route(request, path_components[1:])
        return super().route(request, path_components)


class ProvisionCategory(
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    ProvenanceMixin,
    index.Indexed,
    models.Model,
):
    """What an MSME provision does (after WTO staff working paper ERSD-2016-12).

    Its name and description are visitor text, so changes go through "Group review"
    (policymaker migration 0006); visitors only see live categories.
    """

    code = models.CharField(
        _("code"),
        max_length=40,
        help_text=_("A short, stable identifier used in web addresses, exports and imports."),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The category's name visitors see and filter by.")
    )
    group = models.CharField(
        _("group"),
        max_length=20,
        choices=CategoryGroup.choices,
        help_text=_("The family of provisions this category belongs to."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences a visitor sees.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in lists and comparisons.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldPanel("group"),
        FieldPanel("description"),
        *ProvenanceMixin.provenance_panels,
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("live"),
    ]
    override_translatable_fields = [SynchronizedField("code")]
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="provision_category")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="provision_category",
        for_concrete_model=False,
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("provision category")
        verbose_name_plural = _("provision categories")
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("code", "locale")]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions


class AgreementIndexPage(ChildRouteMixin, RoutablePageMixin, BasePage):
    """The agreements, the provisions explorer, comparison and open-data exports.

    Sub-routes rather than pages: they are views of the same records with other filters.
    """

    template = "pages/policymaker_section/agreement_index_page.html"
    parent_page_types = ["policymaker_section.PolicymakerSectionPage"]
    subpage_types = ["policymaker_section.AgreementPage"]
    max_count_per_parent = 1

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two above the list: what the agreements database holds."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("agreement index page")

    @property
    def child_model(self):
        return AgreementPage

    def agreements(self):
        return AgreementPage.objects.live().filter(locale_id=self.locale_id)

    def provisions(self):
        return Provision.objects.filter(page__live=True, page__locale_id=self.locale_id)

    @path("")
    def index(self, request):
        context = explorer.agreement_context(self, request)
        return self.render(request, context_overrides=context)

    @path("provisions/")
    def provision_explorer(self, request):
        context = explorer.provision_context(self, request)
        return self.render(
            request,
            context_overrides=context,
            template="pages/policymaker_section/provision_explorer.html",
        )

    @path("provisions/<int:pk>/")
    def provision_permalink(self, request, pk):
        provision = get_object_or_404(self.provisions().select_related("page"), pk=pk)
        return HttpResponseRedirect(provision.page_url(request))

    @path("compare/")
    def compare(self, request):
        context = explorer.compare_context(self, request)
        return self.render(
            request,
            context_overrides=context,
            template="pages/policymaker_section/agreement_compare.html",
        )

    @path("export/<slug:fmt>/")
    def export_agreements(self, request, fmt):
        return exports.export_agreements(self, request, fmt)

    @path("provisions/export/<slug:fmt>/")
    def export_provisions(self, request, fmt):
        return exports.export_provisions(self, request, fmt)

    @path("open-data/")
    def open_data(self, request):
        return self.render(
            request,
            context_overrides={
                "agreement_columns": exports.AGREEMENT_COLUMNS,
                "provision_columns": exports.PROVISION_COLUMNS,
                "tpr_columns": exports.TPR_COLUMNS,
            },
            template="pages/policymaker_section/open_data.html",
        )

    @path("open-data/datapackage/")
    def datapackage(self, request):
        """Every download as a Frictionless data package (a dot-free route: Wagtail's page
        URLs take none; the file is named datapackage.json)."""
        response = JsonResponse(
            build_datapackage(request),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
        response["Content-Disposition"] = 'inline; filename="datapackage.json"'
        response["Access-Control-Allow-Origin"] = "*"
        return response


class AgreementPage(CitableMixin, ProvenanceMixin, RoutablePageMixin, BasePage):
    """One regional trade agreement and, inline, its MSME provisions."""

    template = "pages/policymaker_section/agreement_page.html"
    parent_page_types = ["policymaker_section.AgreementIndexPage"]
    subpage_types = []

    code = models.SlugField(
        _("code"),
        max_length=80,
        help_text=_(
            "A short, stable identifier (for example cptpp) used in exports, comparisons "
            "and imports. Do not change it once published."
        ),
    )
    short_name = models.CharField(
        _("short name"), max_length=120, help_text=_("The common abbreviation, e.g. CPTPP.")
    )
    agreement_type = models.CharField(
        _("type"),
        max_length=12,
        choices=AgreementType.choices,
        help_text=_("As in the WTO RTA database: FTA covers goods, EIA services."),
    )
    parties = ParentalManyToManyField(
        Country,
        verbose_name=_("parties"),
        related_name="agreements",
        blank=True,
        help_text=_("Every party. The European Union is one party (EUN)."),
    )
    signature_date = models.DateField(
        _("signature date"), null=True, blank=True, help_text=_("Leave empty if not verified.")
    )
    signature_year = models.PositiveSmallIntegerField(
        _("signature year"),
        null=True,
        blank=True,
        help_text=_("Fill in when only the year is verified."),
    )
    entry_into_force_date = models.DateField(
        _("entry into force"), null=True, blank=True, help_text=_("Leave empty if not verified.")
    )
    entry_into_force_year = models.PositiveSmallIntegerField(
        _("entry into force (year)"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Fill in when only the year is verified; filled from the date otherwise."),
    )
    status = models.CharField(
        _("status"),
        max_length=255,
        blank=True,
        help_text=_("In your own words, e.g. 'in force', 'signed'. Empty if not verified."),
    )
    status_recorded_year = models.PositiveSmallIntegerField(
        _("status recorded in"),
        null=True,
        blank=True,
        help_text=_(
            "The year the source recorded this status, if it says (e.g. 2016 for statuses "
            "taken from the Texts of Trade Agreements corpus). Visitors are told an old "
            "status may have changed since."
        ),
    )
    in_force = models.BooleanField(
        _("in force"),
        default=False,
        help_text=_("Tick when the agreement is in force for at least some of its parties."),
    )
    has_sme_chapter = models.BooleanField(
        _("dedicated SME chapter"),
        null=True,
        blank=True,
        help_text=_("Yes, no, or unknown when not verified."),
    )
    sme_chapter_number = models.CharField(
        _("SME chapter number"),
        max_length=20,
        blank=True,
        help_text=_("As numbered in the agreement, e.g. “25”; empty if not verified."),
    )
    sme_chapter_title = models.CharField(
        _("SME chapter title"),
        max_length=255,
        blank=True,
        help_text=_("The chapter's title as the agreement gives it."),
    )
    wto_rta_id = models.PositiveIntegerField(
        _("WTO RTA database id"),
        null=True,
        blank=True,
        help_text=_("The id in the WTO RTA database (RTA-IS). Leave empty if not verified."),
    )
    wto_rta_url = models.URLField(
        _("WTO RTA database link"),
        max_length=500,
        blank=True,
        help_text=_("The agreement's page in the WTO RTA database, if verified."),
    )
    extra_sources = models.TextField(
        _("further sources"),
        blank=True,
        help_text=_("Other sources used for dates and status, one per line."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Context in one or two sentences, including what could not be verified."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("code")]),
                FieldPanel("agreement_type"),
                FieldPanel("parties"),
            ],
            heading=_("Agreement"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("signature_date"), FieldPanel("signature_year")]),
                FieldRowPanel(
                    [FieldPanel("entry_into_force_date"), FieldPanel("entry_into_force_year")]
                ),
                FieldRowPanel([FieldPanel("status"), FieldPanel("in_force")]),
                FieldPanel("status_recorded_year"),
            ],
            heading=_("Dates and status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("has_sme_chapter"),
                FieldRowPanel([FieldPanel("sme_chapter_number"), FieldPanel("sme_chapter_title")]),
            ],
            heading=_("SME chapter"),
        ),
        InlinePanel("provisions", heading=_("MSME provisions"), label=_("provision")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("wto_rta_id"), FieldPanel("wto_rta_url")]),
                *ProvenanceMixin.provenance_panels,
                FieldPanel("extra_sources"),
                FieldPanel("note"),
            ],
            heading=_("Sources and checks"),
        ),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("code"),
        SynchronizedField("sme_chapter_number"),
        # The chapter's title as the treaty gives it: a quotation, kept in its language.
        SynchronizedField("sme_chapter_title"),
        SynchronizedField("extra_sources"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.AutocompleteField("short_name"),
        index.SearchField("short_name"),
        index.SearchField("note"),
        index.FilterField("code"),
        index.FilterField("agreement_type"),
        index.FilterField("entry_into_force_year"),
        index.FilterField("in_force"),
        index.RelatedFields("provisions", [index.SearchField("summary")]),
    ]
    api_fields = [
        APIField("code"),
        APIField("short_name"),
        APIField("agreement_type"),
        APIField("parties", serializer=CodesField("iso3")),
        APIField("signature_date"),
        APIField("signature_year"),
        APIField("entry_into_force_date"),
        APIField("entry_into_force_year"),
        APIField("status"),
        APIField("status_recorded_year"),
        APIField("in_force"),
        APIField("has_sme_chapter"),
        APIField("sme_chapter_number"),
        APIField("sme_chapter_title"),
        APIField("wto_rta_id"),
        APIField("wto_rta_url"),
        APIField("note"),
        APIField("provisions"),
        permanent_url_field(),
        *PROVENANCE_API_FIELDS,
    ]
    api_country_lookup = "parties__iso3"
    api_topic_lookup = None
    api_prefetch = ("parties", "provisions__category")

    class Meta:
        verbose_name = _("agreement page")
        indexes = [models.Index(fields=["code"])]

    def save(self, *args, **kwargs):
        if self.entry_into_force_date:
            self.entry_into_force_year = self.entry_into_force_date.year
        if self.signature_date:
            self.signature_year = self.signature_date.year
        super().save(*args, **kwargs)

    @property
    def status_may_have_changed(self):
        """True when the source recorded the status years ago (visitors are told)."""
        if self.status_recorded_year is None:
            return False
        return timezone.now().year - self.status_recorded_year >= STATUS_CHECK_AGE

    @property
    def signature_display(self):
        return self.signature_date or self.signature_year

    @property
    def entry_into_force_display(self):
        return self.entry_into_force_date or self.entry_into_force_year

    @property
    def entry_into_force(self):
        """As in exports: YYYY-MM-DD, YYYY, or empty when not verified."""
        if self.entry_into_force_date:
            return self.entry_into_force_date.isoformat()
        return str(self.entry_into_force_year or "")

    def extra_source_list(self):
        return [
            line.strip()
            for line in self.extra_sources.replace(";", "\n").split("\n")
            if line.strip()
        ]

    def provision_rows(self, request=None):
        """The provisions as the page shows them, as plain values (kept in the memo)."""
        url = self.get_url(request)
        return [
            {
                "anchor": provision.anchor,
                # A draft's new provision (in a preview) has no page of its own yet.
                "url": provision_pages.provision_path(url, provision.pk) if provision.pk else "",
                "article": provision.article,
                "chapter": provision.chapter,
                "category_name": provision.category.name,
                "intensity": provision.get_legal_intensity_display()
                if provision.legal_intensity
                else "",
                "summary": provision.summary,
                "excerpt": provision.excerpt,
                "excerpt_language": provision.excerpt_language,
                "excerpt_language_name": provision.get_excerpt_language_display(),
                "category_provisional": provision.category_provisional,
                "source_url": provision.source_url,
            }
            for provision in self.provisions.select_related("category").order_by("sort_order", "pk")
        ]

    def provisions_html(self, request=None):
        return render_to_string(
            "pages/policymaker_section/_agreement_provisions.html",
            {"provision_list": self.provision_rows(request)},
        )

    @path("")
    def detail(self, request):
        if getattr(request, "is_preview", False):  # the draft's own provisions
            provisions = self.provisions_html(request)
        else:
            # The list is most of the page: kept as HTML, it costs nothing to render again.
            provisions = memo.remember(
                ("agreement-provisions", self.pk, translation.get_language(), request.get_host()),
                lambda: self.provisions_html(request),
            )
        catalogue = catalogues.for_page(self)
        facts = catalogue.agreements.get(self.pk)
        # A preview or an unpublished page is not in the catalogue.
        parties = facts.parties if facts else [(c.iso3, c.name) for c in self.parties.all()]
        return self.render(
            request,
            context_overrides={
                "provisions": provisions,
                "parties": [
                    (f"{catalogue.country_index_url}{code.lower()}/", name)
                    for code, name in parties
                ],
                "json_url": self.get_url(request) + self.reverse_subpage("as_json"),
            },
        )

    @path("provisions/<int:pk>/", name=provision_pages.ROUTE)
    def provision(self, request, pk):
        return provision_pages.serve(self, request, pk)

    @path("json/")
    def as_json(self, request):
        return JsonResponse(
            exports.agreement_record(self, request, self.provisions.select_related("category")),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )


class Provision(TranslatableMixin, ChoiceLabelsMixin, Orderable):
    """One MSME-related article (or part of one) of an agreement, in one category.

    Translatable so that wagtail-localize offers its summary to translators with the rest
    of the agreement; the chapter, article and quotation are the treaty's own words and
    stay in the treaty's language (``excerpt_language``).
    """

    page = ParentalKey(AgreementPage, on_delete=models.CASCADE, related_name="provisions")
    chapter = models.CharField(
        _("chapter"),
        max_length=255,
        blank=True,
        help_text=_(
            "Number and title as in the text, e.g. '24 Small and Medium-Sized Enterprises'."
        ),
    )
    article = models.CharField(
        _("article"),
        max_length=255,
        blank=True,
        help_text=_("Number and title as in the text, e.g. '24.1 Information Sharing'."),
    )
    category = models.ForeignKey(
        ProvisionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="provisions",
        help_text=_("What the provision does. Categories are edited under Snippets."),
    )
    legal_intensity = models.CharField(
        _("legal intensity"),
        max_length=20,
        choices=LegalIntensity.choices,
        blank=True,
        help_text=_("Binding ('shall'), best endeavour ('shall endeavour'), or hortatory ('may')."),
    )
    summary = models.TextField(
        _("plain-language summary"),
        help_text=_("What the provision does, in your own words, in one or two sentences."),
    )
    excerpt = models.TextField(
        _("excerpt"),
        blank=True,
        help_text=_("Optional: a short quotation of the text (a sentence or two)."),
    )
    excerpt_language = models.CharField(
        _("language of the excerpt"),
        max_length=8,
        choices=QUOTATION_LANGUAGES,
        blank=True,
        help_text=_("The language the treaty text is quoted in. Quotations are not translated."),
    )
    category_provisional = models.BooleanField(
        _("category provisional"),
        default=False,
        help_text=_(
            "Ticked when the category was assigned by a rule (from chapter and article "
            "titles), not by a person. Visitors see it as provisional: untick it once you "
            "have checked the category against the text."
        ),
    )
    source_url = models.URLField(
        _("source URL"),
        max_length=500,
        blank=True,
        help_text=_("Where the text of this provision can be read."),
    )

    panels = [
        FieldRowPanel([FieldPanel("chapter"), FieldPanel("article")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("category_provisional")]),
        FieldPanel("legal_intensity"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("excerpt"), FieldPanel("excerpt_language")]),
        FieldPanel("source_url"),
    ]
    api_fields = [
        APIField("chapter"),
        APIField("article"),
        APIField("category", serializer=serializers.CharField(source="category.code")),
        APIField("category_name", serializer=serializers.CharField(source="category.name")),
        APIField("legal_intensity"),
        APIField("summary"),
        APIField("excerpt"),
        APIField("excerpt_language"),
        APIField("category_provisional"),
        APIField("source_url"),
        APIField("permanent_url", serializer=ProvisionURLField()),
    ]
    override_translatable_fields = [
        SynchronizedField("chapter"),
        SynchronizedField("article"),
        SynchronizedField("excerpt"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        indexes = [models.Index(fields=["category", "page"])]
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return f"{self.article or self.chapter} ({self.category_id})"

    @property
    def anchor(self):
        return f"provision-{self.pk}"

    def page_url(self, request=None):
        """The provision's own page (``provision_pages``)."""
        return provision_pages.provision_path(self.page.get_url(request), self.pk)

    def permanent_url(self, request=None):
        """The short address ``…/provisions/<id>/`` under the agreements' index (agreement
        pages sit right under it, at ``<index>/<slug>/``): it outlives the anchor."""
        agreement_url = self.page.get_full_url(request)
        index_url = agreement_url[: -len(self.page.slug) - 1]
        return f"{index_url}provisions/{self.pk}/"
