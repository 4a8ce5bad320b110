"""National support programmes: entered once under the Policymaker section's programme
index, shown to policymakers as a mapping (map and table) and to MSMEs as a finder."""

from urllib.parse import urlencode

from django.db import models
from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from msme_platform.core.api_fields import PROVENANCE_API_FIELDS, CodeField, permanent_url_field
from msme_platform.core.caching import memo
from msme_platform.core.collation import name_rank, sorted_by_name
from msme_platform.core.links import LINK_FIELDS
from msme_platform.core.models import BasePage, CitableMixin, Country, ProvenanceMixin

from ..enums import NEED_LABELS, SIZE_WORDS, FirmSize, ProgrammeType
from ..forms import ProgrammeFilterForm, ProgrammeFinderForm
from ..worldmap import world_map
from .common import RECORD_SEARCH_FIELDS, IndexPage, KnownCountPaginator, public, use_cache

SIZE_FIELDS = {
    FirmSize.MICRO: "for_micro",
    FirmSize.SMALL: "for_small",
    FirmSize.MEDIUM: "for_medium",
}


SIZE_PHRASES = {
    (FirmSize.MICRO,): _("micro firms"),
    (FirmSize.SMALL,): _("small firms"),
    (FirmSize.MEDIUM,): _("medium-sized firms"),
    (FirmSize.MICRO, FirmSize.SMALL): _("micro and small firms"),
    (FirmSize.SMALL, FirmSize.MEDIUM): _("small and medium-sized firms"),
    (FirmSize.MICRO, FirmSize.MEDIUM): _("micro and medium-sized firms"),
    (FirmSize.MICRO, FirmSize.SMALL, FirmSize.MEDIUM): _("micro, small and medium-sized firms"),
}


# What a row of the programme table needs (links need the page's place in the tree).
LIST_FIELDS = (
    *LINK_FIELDS,
    "content_type_id",
    "country_id",
    "agency",
    "programme_type",
    "for_micro",
    "for_small",
    "for_medium",
)


def live_programmes(locale_id):
    return public(
        NationalProgrammePage.objects.live()
        .filter(locale_id=locale_id)
        .select_related("country", "country__region")
    )


class NationalProgrammePage(CitableMixin, ProvenanceMixin, BasePage):
    template = "pages/msme_section/national_programme_page.html"
    parent_page_types = ["msme_section.ProgrammeIndexPage"]
    subpage_types = []

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The member that runs the programme (European Union for EU-wide ones)."),
    )
    agency = models.CharField(
        _("agency"), max_length=255, help_text=_("The ministry or agency that runs it.")
    )
    programme_type = models.CharField(
        _("type of support"),
        max_length=30,
        choices=ProgrammeType.choices,
        help_text=_("The main kind of help it gives. Pick the closest one."),
    )
    for_micro = models.BooleanField(
        _("for micro firms"), default=True, help_text=_("Untick if micro firms cannot apply.")
    )
    for_small = models.BooleanField(
        _("for small firms"), default=True, help_text=_("Untick if small firms cannot apply.")
    )
    for_medium = models.BooleanField(
        _("for medium-sized firms"),
        default=True,
        help_text=_("Untick if medium-sized firms cannot apply."),
    )
    eligibility = RichTextField(
        _("who can apply"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_(
            "Conditions a firm must meet, in plain words, as the programme states them. "
            "Leave empty if you have not checked them."
        ),
    )
    sectors = models.CharField(
        _("sectors"),
        max_length=255,
        blank=True,
        help_text=_("Sectors the programme is limited to, if any; empty means all sectors."),
    )
    link = models.URLField(
        _("programme website"),
        max_length=500,
        blank=True,
        help_text=_("The official page where a firm applies or learns more."),
    )
    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("country"), FieldPanel("programme_type")]),
        FieldPanel("agency"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("for_micro"), FieldPanel("for_small"), FieldPanel("for_medium")]
                ),
                FieldPanel("eligibility"),
                FieldPanel("sectors"),
            ],
            heading=_("Who it is for"),
        ),
        MultiFieldPanel(
            [FieldPanel("link"), *ProvenanceMixin.provenance_panels],
            heading=_("Links and checks"),
        ),
    ]
    search_fields = [
        *RECORD_SEARCH_FIELDS,
        index.SearchField("agency"),
        index.SearchField("sectors"),
        index.AutocompleteField("agency"),
        index.RelatedFields("country", [index.SearchField("name")]),
        index.FilterField("country"),
        index.FilterField("programme_type"),
        index.FilterField("for_micro"),
        index.FilterField("for_small"),
        index.FilterField("for_medium"),
    ]
    api_fields = [
        APIField("country", serializer=CodeField("iso3")),
        APIField("agency"),
        APIField("programme_type"),
        APIField("for_micro"),
        APIField("for_small"),
        APIField("for_medium"),
        APIField("eligibility"),
        APIField("sectors"),
        APIField("link"),
        permanent_url_field(),
        *PROVENANCE_API_FIELDS,
    ]
    api_country_lookup = "country__iso3"
    api_topic_lookup = None
    api_prefetch = ("country",)

    class Meta:
        verbose_name = _("national programme")
        verbose_name_plural = _("national programmes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if use_cache(request):
            context["details"] = memo.remember(
                ("msme_section", "programme", self.pk, self.latest_revision_id), self.details
            )
        else:
            context["details"] = self.details()
        return context

    def details(self):
        return {"country": self.country.name}

    @property
    def sizes(self):
        return [size for size, name in SIZE_FIELDS.items() if getattr(self, name)]

    @property
    def size_labels(self):
        return [size.label for size in self.sizes]

    @property
    def sizes_display(self):
        return SIZE_PHRASES.get(tuple(self.sizes), _("firms of any size"))


class ProgrammeIndexPage(IndexPage):
    """The policymakers' view: filters, a world map shaded by count, and a table."""

    template = "pages/msme_section/programme_index_page.html"
    parent_page_types = ["policymaker_section.PolicymakerSectionPage"]
    subpage_types = ["msme_section.NationalProgrammePage"]
    max_count_per_parent = 1
    PER_PAGE = 25

    class Meta:
        verbose_name = _("programme index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ProgrammeFilterForm(request.GET or None, locale_id=self.locale_id)
        programmes = form.filter(live_programmes(self.locale_id))
        filters = sorted(form.clean_values().items()) if form.is_bound else []
        by_country = memo.remember(
            ("msme_section", "programme-counts", self.locale_id, urlencode(filters)),
            lambda: self.count_by_country(programmes),
        )
        total = sum(row["count"] for row in by_country)
        # Only what the table shows: programme rows carry long rich-text fields.
        listed = programmes.only(
            *LIST_FIELDS, "country__name", "country__iso3", "country__region__slug"
        ).order_by(
            # Countries in the language's alphabetical order (core/collation.py), which no
            # database collation gives the same on SQLite and PostgreSQL.
            name_rank("country__name", [row["name"] for row in by_country]),
            "country__name",
            "title",
        )
        paginator = KnownCountPaginator(listed, self.PER_PAGE, total)
        programmes_page = paginator.get_page(request.GET.get("page"))
        # The rows of this page of results, as plain values, kept until content changes.
        programmes_page.object_list = memo.remember(
            (
                "msme_section",
                "programme-rows",
                self.locale_id,
                urlencode(filters),
                programmes_page.number,
                translation.get_language(),
                request.get_host(),
            ),
            lambda: [self.row(programme, request) for programme in programmes_page.object_list],
        )
        # Each country in the table links to the list narrowed to it, other filters kept.
        kept = [(name, request.GET[name]) for name in ("type", "size") if request.GET.get(name)]
        context.update(
            form=form,
            country_link="?" + urlencode([*kept, ("country", "")]),
            programmes=programmes_page,
            by_country=by_country,
            map=memo.remember(
                ("msme_section", "programme-map", self.locale_id, urlencode(filters)),
                lambda: world_map({row["iso3"]: row["count"] for row in by_country}),
            ),
            total=total,
        )
        return context

    @staticmethod
    def row(programme, request):
        return {
            "url": programme.get_url(request),
            "title": programme.title,
            "country": programme.country.name,
            "type": programme.get_programme_type_display(),
            "sizes": str(programme.sizes_display),
            "agency": programme.agency,
        }

    @staticmethod
    def count_by_country(programmes):
        """One row per country, with its number of programmes, in one query."""
        return sorted_by_name(
            programmes.order_by()
            .values("country__iso3", "country__name")
            .annotate(count=Count("pk"))
            .values("count", iso3=models.F("country__iso3"), name=models.F("country__name")),
            lambda row: row["name"],
        )


class ProgrammeFinderPage(BasePage):
    """The MSMEs' view of the same programmes: my country, my size, what I need."""

    template = "pages/msme_section/programme_finder_page.html"
    parent_page_types = ["msme_section.MSMESectionPage"]
    subpage_types = []
    max_count_per_parent = 1

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence above the questions, addressed to a business owner."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("programme finder page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ProgrammeFinderForm(request.GET or None, locale_id=self.locale_id)
        context["form"] = form
        if form.is_bound and form.is_valid():
            context["answer"] = self.answer(form.cleaned_data, form.country_name())
        return context

    def answer(self, data, country_name):
        """What to tell the visitor: matching programmes, and others in their country."""
        size, need = data.get("size"), data.get("need")
        in_country = list(
            live_programmes(self.locale_id)
            .filter(country__iso3=data["country"])
            .order_by("programme_type", "title")
        )
        matches, others = [], []
        for programme in in_country:
            fits_size = not size or size in programme.sizes
            fits_need = not need or programme.programme_type == need
            (matches if fits_size and fits_need else others).append(programme)
        return {
            "country": country_name,
            "size_words": SIZE_WORDS.get(size) if size else "",
            "need_words": NEED_LABELS.get(need) if need else "",
            "matches": matches,
            "others": others,
        }
