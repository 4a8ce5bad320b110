"""A compact, cached summary of the databases, from which facets are counted.

Counting six facets with GROUP BY queries on every request costs six queries and most of
the time of a filtered page at 20,000 provisions. Instead, each index keeps a catalogue:
per agreement its type, dates, parties (with regions) and how many provisions it has per
(category, legal intensity); per review its year, coverage, members and topics. It is
built in a few queries after content changes and kept for the content generation, in
the shared cache (Redis in production: one app server builds it for all) and in each
process's memo (``memo.remember_shared``), so a filtered page costs one query for its
results (two with a text search) whatever the size of the data.

Like everything derived from content, it is valid for one content generation: any change
to a page, provision, category, country, region or topic moves the generation on.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Q
from wagtail.models import Page

from msme_platform.core.caching import memo
from msme_platform.core.collation import sorted_by_name
from msme_platform.core.models import Country, CountryIndexPage

from .enums import AgreementType, CoverageVerified


class Tally:
    """Provisions counted per (category code, legal intensity), with the sums facets need.

    The explorer counts facets over every agreement on each request; summing a few
    precomputed totals is several times cheaper than walking every cell.
    """

    __slots__ = ("cells", "total", "by_category", "by_intensity", "_per_category", "_per_intensity")

    def __init__(self, cells):
        self.cells = cells
        self.total = sum(cells.values())
        self.by_category, self.by_intensity = {}, {}
        self._per_category, self._per_intensity = {}, {}  # code -> {intensity: n}, and back
        for (code, intensity), n in cells.items():
            self.by_category[code] = self.by_category.get(code, 0) + n
            self.by_intensity[intensity] = self.by_intensity.get(intensity, 0) + n
            self._per_category.setdefault(code, {})[intensity] = n
            self._per_intensity.setdefault(intensity, {})[code] = n

    def __getstate__(self):
        return self.cells

    def __setstate__(self, cells):
        self.__init__(cells)

    def passing(self, categories, intensities):
        """Provisions in any of ``categories`` and of any of ``intensities`` (empty: all)."""
        if not categories and not intensities:
            return self.total
        if not intensities:
            return sum(self.by_category.get(code, 0) for code in categories)
        if not categories:
            return sum(self.by_intensity.get(intensity, 0) for intensity in intensities)
        return sum(
            n
            for (code, intensity), n in self.cells.items()
            if code in categories and intensity in intensities
        )

    def categories_among(self, intensities):
        """Provisions per category, counting only ``intensities`` (empty: all)."""
        if not intensities:
            return self.by_category
        return _sum_maps(self._per_intensity.get(intensity, {}) for intensity in intensities)

    def intensities_among(self, categories):
        """Provisions per legal intensity, counting only ``categories`` (empty: all)."""
        if not categories:
            return self.by_intensity
        return _sum_maps(self._per_category.get(code, {}) for code in categories)


def _sum_maps(maps):
    found = {}
    for counts in maps:
        for key, n in counts.items():
            found[key] = found.get(key, 0) + n
    return found


@dataclass
class AgreementFacts:
    id: int
    code: str
    slug: str
    title: str
    short_name: str
    agreement_type: str
    in_force: bool
    year: int | None
    has_sme_chapter: bool | None
    entry_into_force: str = ""
    parties: list = field(default_factory=list)  # [(iso3, name)]
    regions: set = field(default_factory=set)
    counts: dict = field(default_factory=dict)  # {(category code, intensity): n}
    url: str = ""

    @cached_property
    def party_codes(self):
        return {code for code, _name in self.parties}

    @cached_property
    def tally(self):
        return Tally(self.counts)

    @property
    def provision_total(self):
        return self.tally.total

    @property
    def type_label(self):
        return dict(AgreementType.choices).get(self.agreement_type, self.agreement_type)


@dataclass
class ReviewFacts:
    id: int
    code: str
    slug: str
    title: str
    year: int
    coverage: str
    symbol: str
    members: list = field(default_factory=list)  # [(iso3, name)]
    regions: set = field(default_factory=set)
    topics: set = field(default_factory=set)
    url: str = ""

    @property
    def coverage_label(self):
        return dict(CoverageVerified.choices).get(self.coverage, self.coverage)


@dataclass
class Catalogue:
    agreements: dict = field(default_factory=dict)
    reviews: dict = field(default_factory=dict)
    countries: dict = field(default_factory=dict)  # iso3 -> name
    regions: dict = field(default_factory=dict)  # slug -> name
    topics: dict = field(default_factory=dict)  # slug -> name
    categories: list = field(default_factory=list)  # [(code, name)] in display order
    country_index_url: str = ""
    agreement_index_url: str = ""
    review_index_url: str = ""


def categories_for(locale_id):
    # Imported here to avoid a cycle: the policymaker models import this module.
    from .models import ProvisionCategory

    by_code = {}
    for category in ProvisionCategory.objects.filter(
        Q(locale_id=locale_id) | Q(locale__language_code=settings.LANGUAGE_CODE), live=True
    ).order_by("sort_order", "name"):
        if category.code not in by_code or category.locale_id == locale_id:
            by_code[category.code] = category
    return sorted(by_code.values(), key=lambda c: (c.sort_order, c.name))


def for_page(page):
    """The catalogue of the databases in ``page``'s language."""
    return for_locale(page.locale_id)


def for_locale(locale_id):
    """One Policymaker section per language, so one catalogue per language.

    Treat it as read-only: it is shared by every request this process serves.
    """
    return memo.remember_shared(("policymaker-catalogue", locale_id), lambda: build(locale_id))


def _country_names(locale_id):
    """``(countries, regions)``: iso3 and region slug -> name in the catalogue's language.

    A translated agreement keeps its English page's parties (wagtail-localize copies
    many-to-many fields as they are), so names are looked up in the language here.
    """
    countries, regions = {}, {}
    fields = ("iso3", "name", "region__slug", "region__name")
    rows = list(Country.objects.filter(locale_id=locale_id).values_list(*fields))
    if not rows:  # a language whose country names are not loaded: the default one's
        rows = Country.objects.filter(locale__language_code=settings.LANGUAGE_CODE).values_list(
            *fields
        )
    for iso3, name, slug, region in rows:
        countries[iso3] = name
        if slug:
            regions[slug] = region
    return countries, regions


def _in_language(rows, localized):
    """Party or member rows with names in the catalogue's language, sorted by them."""
    countries, regions = localized
    rows = [
        (owner, iso3, countries.get(iso3, name), slug, regions.get(slug, region))
        for owner, iso3, name, slug, region in rows
    ]
    return sorted_by_name(rows, lambda row: row[2])


def build(locale_id):
    # Imported here to avoid a cycle: the policymaker models import this module.
    from .models import AgreementIndexPage, AgreementPage, Provision, TPREntryPage, TPRIndexPage

    catalogue = Catalogue()
    indexes = list(
        Page.objects.live()
        .filter(locale_id=locale_id)
        .type(AgreementIndexPage, TPRIndexPage, CountryIndexPage)
        .select_related("content_type")
        .order_by("path")
    )
    for index in indexes:
        model = index.content_type.model_class()
        url = index.get_url() or ""
        if issubclass(model, AgreementIndexPage) and not catalogue.agreement_index_url:
            catalogue.agreement_index_url = url
            section_path = index.path[: -index.steplen]
        elif issubclass(model, TPRIndexPage) and not catalogue.review_index_url:
            catalogue.review_index_url = url
        elif issubclass(model, CountryIndexPage) and not catalogue.country_index_url:
            catalogue.country_index_url = url
    if not catalogue.agreement_index_url:
        return catalogue
    agreements = AgreementPage.objects.live().filter(
        path__startswith=section_path, locale_id=locale_id
    )
    for row in agreements.values(
        "id",
        "code",
        "slug",
        "title",
        "short_name",
        "agreement_type",
        "in_force",
        "entry_into_force_year",
        "entry_into_force_date",
        "has_sme_chapter",
    ):
        catalogue.agreements[row["id"]] = AgreementFacts(
            id=row["id"],
            code=row["code"],
            slug=row["slug"],
            title=row["title"],
            short_name=row["short_name"],
            agreement_type=row["agreement_type"],
            in_force=row["in_force"],
            year=row["entry_into_force_year"],
            has_sme_chapter=row["has_sme_chapter"],
            entry_into_force=(
                row["entry_into_force_date"].isoformat()
                if row["entry_into_force_date"]
                else str(row["entry_into_force_year"] or "")
            ),
        )
    through = AgreementPage.parties.through
    localized = _country_names(locale_id)
    for agreement_id, iso3, name, region_slug, region_name in _in_language(
        through.objects.filter(agreementpage__in=agreements).values_list(
            "agreementpage_id",
            "country__iso3",
            "country__name",
            "country__region__slug",
            "country__region__name",
        ),
        localized,
    ):
        facts = catalogue.agreements[agreement_id]
        facts.parties.append((iso3, name))
        catalogue.countries[iso3] = name
        if region_slug:
            facts.regions.add(region_slug)
            catalogue.regions[region_slug] = region_name
    for page_id, code, intensity, n in (
        Provision.objects.filter(page__in=agreements)
        .order_by()
        .values_list("page_id", "category__code", "legal_intensity")
        .annotate(n=Count("pk"))
    ):
        catalogue.agreements[page_id].counts[(code, intensity)] = n

    reviews = TPREntryPage.objects.live().filter(path__startswith=section_path, locale_id=locale_id)
    for row in reviews.values(
        "id",
        "code",
        "slug",
        "title",
        "review_year",
        "coverage_verified",
        "secretariat_report_symbol",
    ):
        catalogue.reviews[row["id"]] = ReviewFacts(
            id=row["id"],
            code=row["code"],
            slug=row["slug"],
            title=row["title"],
            year=row["review_year"],
            coverage=row["coverage_verified"],
            symbol=row["secretariat_report_symbol"],
        )
    for review_id, iso3, name, region_slug, region_name in _in_language(
        TPREntryPage.members.through.objects.filter(tprentrypage__in=reviews).values_list(
            "tprentrypage_id",
            "country__iso3",
            "country__name",
            "country__region__slug",
            "country__region__name",
        ),
        localized,
    ):
        facts = catalogue.reviews[review_id]
        facts.members.append((iso3, name))
        catalogue.countries[iso3] = name
        if region_slug:
            facts.regions.add(region_slug)
            catalogue.regions[region_slug] = region_name
    for review_id, slug, name in TPREntryPage.topics.through.objects.filter(
        tprentrypage__in=reviews
    ).values_list("tprentrypage_id", "topic__slug", "topic__name"):
        catalogue.reviews[review_id].topics.add(slug)
        catalogue.topics[slug] = name
    catalogue.categories = [(c.code, c.name) for c in categories_for(locale_id)]
    for facts in catalogue.agreements.values():
        facts.url = f"{catalogue.agreement_index_url}{facts.slug}/"
    for facts in catalogue.reviews.values():
        facts.url = f"{catalogue.review_index_url}{facts.slug}/"
    return catalogue
