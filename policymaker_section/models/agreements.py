"""Regional trade agreements.

An agreement is a page (delegates write and publish it through the workflow, and it has
its own address); its provisions are inline, orderable rows of that page, so an agreement
and its provisions are edited and published together. The provisions and their categories
are in ``provisions.py``, the list of agreements in ``agreement_index.py``.
"""

from django.db import models
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from msme_platform.core.api_fields import (
    PROVENANCE_API_FIELDS,
    CodesField,
    permanent_url_field,
)
from msme_platform.core.caching import memo
from msme_platform.core.models import BasePage, CitableMixin, ProvenanceMixin
from msme_platform.core.models.taxonomy import Country

from .. import catalogue as catalogues
from .. import exports, provision_pages
from ..enums import AgreementType

# A status recorded this many years ago or more may have changed since: visitors are told.
STATUS_CHECK_AGE = 2


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
