"""The pages every section stands on: a thin base, the home page, plain content pages, search."""

from django.conf import settings
from django.db import models
from django.db.models import Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..blocks import BodyBlock
from ..caching import memo
from ..choices import ChoiceLabelsMixin
from ..collation import name_key, sorted_by_name
from ..forms import SearchForm
from ..home import next_events_html, section_page_models
from ..profiles import profile_sections
from ..search import MAX_QUERY_LENGTH, search_pages
from ..search_text import TitleAndSummaryField, indexed_texts, page_search_terms, stems_needed
from ..visibility import any_restricted, public
from .taxonomy import Country

SUMMARY = "search_description"
# PostgreSQL: Wagtail boosts titles 2; summaries weigh a little less, the body 1.
SUMMARY_BOOST = 1.5
SUMMARY_HELP = _(
    "One or two plain sentences (under 300 characters) saying what a visitor finds here. "
    "Shown on cards, in search results and to search engines."
)


def _card(page, request):
    """What a card links to and shows, as plain values (memo-safe)."""
    return {
        "url": page.get_url(request),
        "title": page.title,
        "search_description": page.search_description,
        "last_published_at": page.last_published_at,
    }


class BasePage(ChoiceLabelsMixin, Page):
    """What every page of the site shares.

    The summary is Wagtail's own ``search_description`` shown under a clearer name: it
    is on the base ``Page`` table, so cards and search results show it without a query
    per page type.
    """

    content_panels = [
        *Page.content_panels,
        FieldPanel("search_description", heading=_("Summary"), help_text=SUMMARY_HELP),
    ]
    promote_panels = [
        panel
        for panel in Page.promote_panels
        if getattr(panel, "field_name", None) != "search_description"
    ]

    # Whether a newly published page of this type appears in the home page's "What's new".
    show_in_whats_new = True
    # wagtail-localize translates every text field unless told otherwise: a translation
    # keeps the source's slug, so a record has the same address in every language. Record
    # types add the fields that are identifiers, names or quotations, never translated.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.search_description

    @classmethod
    def get_search_fields(cls):
        """Every page type's own search fields, with what every page is found by: its title
        and summary, weighted above the body, and its compounds and (on SQLite) stems
        (``search_terms``). PostgreSQL weighs the summary as a field of its own (a boost);
        SQLite weighs only its title column, so there the summary joins the title."""
        fields = []
        in_title = stems_needed()
        for field in super().get_search_fields():
            if isinstance(field, index.SearchField) and field.field_name == SUMMARY:
                continue  # added once, below
            if in_title and isinstance(field, index.SearchField) and field.field_name == "title":
                field = TitleAndSummaryField(SUMMARY, boost=getattr(field, "boost", None))
            fields.append(field)
        if not in_title:
            fields.append(index.SearchField(SUMMARY, boost=SUMMARY_BOOST))
        fields.append(index.SearchField("search_terms"))
        return fields

    def search_terms(self):
        """The Snowball stems of the page's indexed words in its own language, and its
        hyphenated words joined (see ``core/search_text.py``)."""
        return page_search_terms(
            indexed_texts(self), self.locale.language_code, stem=stems_needed()
        )

    def get_view_restrictions(self):
        """The restrictions that apply to this page, in one query however deep it is.

        Wagtail looks up the page's ancestors, then each alias among them with a query of
        its own, which costs the French and Spanish trees (aliases of the English one until
        translated) one query per level. The same rule as one subquery: restrictions on
        this page or an ancestor, an alias standing for its source page. While no page
        anywhere is restricted (the process memo knows), no query at all.
        """
        if not any_restricted():
            return PageViewRestriction.objects.none()
        steplen = self.steplen
        lineage = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        sources = (
            Page.objects.filter(path__in=lineage)
            .annotate(source_id=Coalesce("alias_of_id", "id"))
            .values("source_id")
        )
        return PageViewRestriction.objects.filter(page_id__in=Subquery(sources))


class HomePage(BasePage):
    template = "pages/core/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "msme_section.MSMESectionPage",
        "policymaker_section.PolicymakerSectionPage",
        "core.StandardPage",
        "core.SearchPage",
    ]
    max_count_per_parent = 1

    intro = models.TextField(
        _("introduction"),
        help_text=_(
            "The first words a visitor reads: who the site is for, in one or two sentences."
        ),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    NEW_ITEMS = 6

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # As plain values, kept in the process memo until content changes.
        context.update(
            memo.remember(
                ("home-lists", self.pk, translation.get_language(), request.get_host()),
                lambda: {
                    "sections": [_card(page, request) for page in self.section_pages()],
                    "latest_pages": [_card(page, request) for page in self.latest_pages()],
                },
            )
        )
        context["next_events"] = next_events_html(request, self.locale_id)
        return context

    def section_pages(self):
        """The audience sections (the apps register them, see ``core.home``), in the
        editor's order."""
        models = section_page_models()
        if not models:
            return Page.objects.none()
        return public(self.get_children().live()).type(*models).select_related("locale")

    def latest_pages(self):
        """Recently published content in this language, newest first.

        Page types that set ``show_in_whats_new = False`` (signposts such as sections and
        search, and events, which have "Next events") are left out.
        """
        hidden = [m for m in get_page_models() if not getattr(m, "show_in_whats_new", True)]
        return (
            public(Page.objects.live())
            .descendant_of(self)
            .filter(locale_id=self.locale_id)
            .not_type(*hidden)
            .select_related("locale")
            .order_by("-last_published_at", "-pk")[: self.NEW_ITEMS]
        )


class StandardPage(BasePage):
    """About, privacy, accessibility and other pages of plain prose."""

    template = "pages/core/standard_page.html"
    parent_page_types = [
        "core.HomePage",
        "core.StandardPage",
        "msme_section.MSMESectionPage",
        "policymaker_section.PolicymakerSectionPage",
    ]
    subpage_types = ["core.StandardPage"]

    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        help_text=_("The page's content: paragraphs, headings, key figures, links and notices."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class SearchPage(BasePage):
    """Full-text search over every live page in the visitor's language."""

    template = "pages/core/search_page.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    RESULTS_PER_PAGE = 10
    show_in_whats_new = False

    class Meta:
        verbose_name = _("search page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = SearchForm(request.GET)
        form.is_valid()
        words = " ".join(form.cleaned_data.get("q", "").split())
        query = words[:MAX_QUERY_LENGTH]
        context.update(
            form=form,
            query=query,
            query_shortened=len(words) > MAX_QUERY_LENGTH,
            max_length=MAX_QUERY_LENGTH,
        )
        if query:
            context["results"] = self.result_page(request, query)
        return context

    def result_page(self, request, query):
        """One page of results. The number of hits and each page's hits (as plain values)
        are kept in the process memo until content changes: popular words are searched
        again and again, and the full-text query costs more than the rest of the page."""
        results = search_pages(query, locale=self.locale)
        return memo.paginate(request, (self.pk, query), results, self.RESULTS_PER_PAGE, _card)


class SectionPage(BasePage):
    """An audience's front door: what the section offers, then its pages.

    Concrete sections set ``template`` themselves: Wagtail gives each page class a
    default template name, so an abstract parent's would be overridden.
    """

    parent_page_types = ["core.HomePage"]
    max_count_per_parent = 1
    show_in_whats_new = False

    intro = models.TextField(
        _("introduction"),
        help_text=_("Who this section is for and what they will find, in two or three sentences."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.child_pages()
        return context

    def child_pages(self):
        return public(self.get_children().live()).select_related("locale")


def countries_for(locale_id):
    """Countries in a language, or in the default language until they are translated."""
    countries = Country.objects.filter(locale_id=locale_id)
    if not countries.exists():
        countries = Country.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    return countries.select_related("region")


class CountryIndexPage(RoutablePageMixin, BasePage):
    """All WTO members and observers, and one profile per country at ``<code>/``.

    Profiles are routes, not pages: a profile has no prose of its own, it gathers what
    the other apps hold about the country (see ``core.profiles``).
    """

    template = "pages/core/country_index_page.html"
    profile_template = "pages/core/country_profile.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    show_in_whats_new = False

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence above the list of countries.")
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("country index page")

    def regions_with_countries(self):
        """``(region, [countries])`` in alphabetical order of the language, in one query."""
        grouped = {}
        for country in sorted_by_name(countries_for(self.locale_id), lambda c: c.name):
            grouped.setdefault(country.region, []).append(country)
        return sorted_by_name(grouped.items(), lambda item: item[0].name if item[0] else "")

    def countries_by_letter(self):
        """``(letter, [countries])`` A to Z in the language: "Égypte" under E, in one query."""
        grouped = {}
        for country in sorted_by_name(countries_for(self.locale_id), lambda c: c.name):
            grouped.setdefault(name_key(country.name)[0][:1].upper(), []).append(country)
        return list(grouped.items())

    @path("")
    def index(self, request):
        # A to Z first (a visitor knows their country's name, rarely its WTO region).
        by_region = request.GET.get("view") == "regions"
        groups = self.regions_with_countries() if by_region else self.countries_by_letter()
        return self.render(request, context_overrides={"groups": groups, "by_region": by_region})

    @path("<slug:code>/")
    def profile(self, request, code):
        country = (
            countries_for(self.locale_id).filter(iso3=code.upper()).first()
            if len(code) == 3
            else None
        )
        if country is None:
            raise Http404
        context = self.get_context(request)
        context.update(
            country=country,
            sections=profile_sections(country, self.locale_id),
            profile_title=country.name,
        )
        return TemplateResponse(request, self.profile_template, context)

    def profile_url(self, country, request=None):
        return self.get_url(request) + self.reverse_subpage("profile", args=[country.iso3.lower()])
