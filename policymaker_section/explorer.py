"""The filtered lists: agreements, provisions across agreements, Trade Policy Reviews.

Every list is a queryset built from ``Filters``; each facet is counted in one GROUP BY
query with every other filter applied (so a visitor sees how many results each choice
would give), and the total is the sum of one facet's counts, so a page costs the same
number of queries whatever the data size.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from . import filters as filtering
from .enums import AgreementType, CoverageVerified, LegalIntensity

AGREEMENT_SORTS = {
    "name": _("Name (A to Z)"),
    "-eif": _("Entry into force (newest first)"),
    "eif": _("Entry into force (oldest first)"),
    "-provisions": _("Most SME provisions first"),
}
PROVISION_SORTS = {
    "agreement": _("Agreement, then order in the text"),
    "category": _("Category"),
    "-eif": _("Entry into force (newest first)"),
    "eif": _("Entry into force (oldest first)"),
}
TPR_SORTS = {
    "-year": _("Review year (newest first)"),
    "year": _("Review year (oldest first)"),
    "member": _("Member (A to Z)"),
}
AGREEMENTS_PER_PAGE = 20
PROVISIONS_PER_PAGE = 25
TPRS_PER_PAGE = 20


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list

    @property
    def selected_count(self):
        return sum(1 for option in self.options if option.selected)


def _facet(name, label, counts, labels, selected, order=None):
    """Options with a count, plus selected values that now match nothing."""
    keys = list(order) if order is not None else sorted(counts, key=lambda k: str(labels.get(k, k)))
    options = [
        Option(key, labels.get(key, key), counts.get(key, 0), key in selected)
        for key in keys
        if counts.get(key) or key in selected
    ]
    for key in selected:
        if key not in keys:
            options.append(Option(key, labels.get(key, key), 0, True))
    return Facet(name, label, options)


def _grouped(queryset, *fields, distinct=False):
    """``{key: count}`` and ``{key: label}`` from one GROUP BY query."""
    counts, labels = {}, {}
    rows = queryset.order_by().values(*fields).annotate(n=Count("pk", distinct=distinct))
    for row in rows:
        key = row[fields[0]]
        if key is None:
            continue
        counts[key] = row["n"]
        if len(fields) > 1:
            labels[key] = row[fields[1]]
    return counts, labels


def _total(counts, selected):
    if selected:
        return sum(counts.get(key, 0) for key in selected)
    return sum(counts.values())


def _paginate(items, total, per_page, number):
    paginator = Paginator(items, per_page)
    paginator.count = total  # already known from the facet counts: no COUNT query
    return paginator.get_page(number)


def _categories(locale_id):
    from .models import ProvisionCategory

    categories = list(
        ProvisionCategory.objects.filter(
            Q(locale_id=locale_id) | Q(locale__language_code=settings.LANGUAGE_CODE)
        ).select_related("locale")
    )
    by_code = {}
    for category in categories:
        if category.code not in by_code or category.locale_id == locale_id:
            by_code[category.code] = category
    return sorted(by_code.values(), key=lambda c: (c.sort_order, c.name))


# --- Agreements


def _agreement_filters(agreements, f, skip=()):
    from .models import AgreementPage, Provision

    through = AgreementPage.parties.through
    if "party" not in skip:
        for code in f.party:
            agreements = agreements.filter(
                pk__in=through.objects.filter(country__iso3=code).values("agreementpage_id")
            )
    if "region" not in skip and f.region:
        agreements = agreements.filter(
            pk__in=through.objects.filter(country__region__slug__in=f.region).values(
                "agreementpage_id"
            )
        )
    if "type" not in skip and f.type:
        agreements = agreements.filter(agreement_type__in=f.type)
    if f.year_from:
        agreements = agreements.filter(entry_into_force_year__gte=f.year_from)
    if f.year_to:
        agreements = agreements.filter(entry_into_force_year__lte=f.year_to)
    if "in_force" not in skip and f.in_force:
        agreements = agreements.filter(in_force=True)
    provision_filter = Q()
    if "category" not in skip and f.category:
        provision_filter &= Q(category__code__in=f.category)
    if "intensity" not in skip and f.intensity:
        provision_filter &= Q(legal_intensity__in=_intensities(f.intensity))
    if provision_filter:
        agreements = agreements.filter(
            pk__in=Provision.objects.filter(provision_filter).values("page_id")
        )
    return agreements


def _intensities(values):
    return ["" if value == "none" else value for value in values]


def _agreement_text(agreements, words):
    from .models import Provision

    for word in words:
        agreements = agreements.filter(
            Q(title__icontains=word)
            | Q(short_name__icontains=word)
            | Q(note__icontains=word)
            | Q(
                pk__in=Provision.objects.filter(
                    Q(summary__icontains=word) | Q(article__icontains=word)
                ).values("page_id")
            )
        )
    return agreements


def parse_agreement_filters(query):
    return filtering.parse(
        query,
        AGREEMENT_SORTS,
        {"party", "region", "category", "intensity", "type", "years", "in_force"},
    )


def agreement_context(index, request):
    from .models import Provision

    f = parse_agreement_filters(request.GET)
    base = _agreement_text(index.agreements(), f.words)

    def without(*skip):
        return _agreement_filters(base, f, skip)

    matching = without()
    party_counts, party_labels = _grouped(matching, "parties__iso3", "parties__name")
    region_counts, region_labels = _grouped(
        without("region"), "parties__region__slug", "parties__region__name", distinct=True
    )
    type_counts, _unused = _grouped(without("type"), "agreement_type")
    force_counts, _unused = _grouped(without("in_force"), "in_force")
    category_counts, _unused = _grouped(
        Provision.objects.filter(page_id__in=without("category").values("pk")),
        "category__code",
        distinct=False,
    )
    categories = _categories(index.locale_id)
    total = _total(type_counts, f.type)
    provision_count = (
        Provision.objects.filter(page_id=OuterRef("pk"))
        .order_by()
        .values("page_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    ordering = {
        "name": ["short_name", "title"],
        "-eif": ["-entry_into_force_year", "-entry_into_force_date", "title"],
        "eif": ["entry_into_force_year", "entry_into_force_date", "title"],
        "-provisions": ["-provision_total", "title"],
    }[f.sort]
    results = (
        matching.annotate(
            provision_total=Coalesce(Subquery(provision_count, output_field=IntegerField()), 0)
        )
        .order_by(*ordering)
        .prefetch_related("parties")
        .defer_streamfields()
    )
    page = _paginate(results, total, AGREEMENTS_PER_PAGE, request.GET.get("page"))
    facets = [
        _facet("party", _("Party"), party_counts, party_labels, f.party),
        _facet("region", _("Region of a party"), region_counts, region_labels, f.region),
        _facet(
            "category",
            _("Has a provision in category"),
            category_counts,
            {c.code: c.name for c in categories},
            f.category,
            order=[c.code for c in categories],
        ),
        _facet(
            "type",
            _("Agreement type"),
            type_counts,
            dict(AgreementType.choices),
            f.type,
            order=AgreementType.values,
        ),
    ]
    return {
        "filters": f,
        "facets": facets,
        "in_force_count": force_counts.get(True, 0),
        "sorts": AGREEMENT_SORTS,
        "results": page,
        "total": total,
        "query_string": request.GET.urlencode(),
    }


# --- Provisions


def _provision_filters(provisions, agreements, f, skip=()):
    provisions = provisions.filter(
        page_id__in=_agreement_filters(agreements, f, {"category", "intensity", *skip}).values("pk")
    )
    if "category" not in skip and f.category:
        provisions = provisions.filter(category__code__in=f.category)
    if "intensity" not in skip and f.intensity:
        provisions = provisions.filter(legal_intensity__in=_intensities(f.intensity))
    for word in f.words:
        provisions = provisions.filter(
            Q(summary__icontains=word)
            | Q(excerpt__icontains=word)
            | Q(article__icontains=word)
            | Q(chapter__icontains=word)
            | Q(page__title__icontains=word)
            | Q(page__short_name__icontains=word)
        )
    return provisions


def filtered_provisions(index, f, skip=()):
    return _provision_filters(index.provisions(), index.agreements(), f, skip)


def parse_provision_filters(query):
    return filtering.parse(
        query,
        PROVISION_SORTS,
        {"party", "region", "category", "intensity", "type", "years", "in_force"},
    )


PROVISION_ORDERING = {
    "agreement": ["page__title", "page_id", "sort_order", "pk"],
    "category": ["category__sort_order", "category__code", "page__title", "sort_order", "pk"],
    "-eif": ["-page__entry_into_force_year", "page__title", "sort_order", "pk"],
    "eif": ["page__entry_into_force_year", "page__title", "sort_order", "pk"],
}


def provision_context(index, request):
    f = parse_provision_filters(request.GET)

    def without(*skip):
        return filtered_provisions(index, f, skip)

    category_counts, _unused = _grouped(without("category"), "category__code")
    intensity_counts, _unused = _grouped(without("intensity"), "legal_intensity")
    intensity_counts = {key or "none": count for key, count in intensity_counts.items()}
    type_counts, _unused = _grouped(without("type"), "page__agreement_type")
    party_counts, party_labels = _grouped(without(), "page__parties__iso3", "page__parties__name")
    region_counts, region_labels = _grouped(
        without("region"),
        "page__parties__region__slug",
        "page__parties__region__name",
        distinct=True,
    )
    force_counts, _unused = _grouped(without("in_force"), "page__in_force")
    categories = _categories(index.locale_id)
    total = _total(category_counts, f.category)
    results = (
        without()
        .select_related("page", "category")
        .defer("page__search_description")
        .order_by(*PROVISION_ORDERING[f.sort])
    )
    page = _paginate(results, total, PROVISIONS_PER_PAGE, request.GET.get("page"))
    intensity_labels = {
        ("none" if value == "" else value): label for value, label in LegalIntensity.choices
    }
    facets = [
        _facet(
            "category",
            _("Category"),
            category_counts,
            {c.code: c.name for c in categories},
            f.category,
            order=[c.code for c in categories],
        ),
        _facet("party", _("Party"), party_counts, party_labels, f.party),
        _facet("region", _("Region of a party"), region_counts, region_labels, f.region),
        _facet(
            "intensity",
            _("Legal intensity"),
            intensity_counts,
            intensity_labels,
            f.intensity,
            order=list(intensity_labels),
        ),
        _facet(
            "type",
            _("Agreement type"),
            type_counts,
            dict(AgreementType.choices),
            f.type,
            order=AgreementType.values,
        ),
    ]
    return {
        "filters": f,
        "facets": facets,
        "in_force_count": force_counts.get(True, 0),
        "sorts": PROVISION_SORTS,
        "results": page,
        "total": total,
        "query_string": request.GET.urlencode(),
    }


# --- Compare


MAX_COMPARED = 3


def compare_context(index, request):
    from .models import Provision

    codes = []
    for raw in request.GET.getlist("a")[:10]:
        code = raw.strip().lower()
        if filtering.SLUG.fullmatch(code) and code not in codes:
            codes.append(code)
    notices = []
    if len(codes) > MAX_COMPARED:
        notices.append(_("Up to three agreements can be compared; the first three were kept."))
        codes = codes[:MAX_COMPARED]
    found = (
        {a.code: a for a in index.agreements().filter(code__in=codes).defer_streamfields()}
        if codes
        else {}
    )
    missing = [code for code in codes if code not in found]
    if missing:
        notices.append(
            _("No agreement with the code %(codes)s; choose from the list.")
            % {"codes": ", ".join(missing)}
        )
    chosen = [found[code] for code in codes if code in found]
    rows = []
    if len(chosen) >= 2:
        by_cell = {}
        for provision in Provision.objects.filter(page__in=[a.pk for a in chosen]).order_by(
            "sort_order", "pk"
        ):
            by_cell.setdefault((provision.category_id, provision.page_id), []).append(provision)
        for category in _categories_by_pk(index.locale_id, {key[0] for key in by_cell}):
            cells = [by_cell.get((category.pk, agreement.pk), []) for agreement in chosen]
            rows.append((category, cells))
    elif codes or request.GET:
        notices.append(_("Choose two or three agreements to compare."))
    choices = index.agreements().order_by("short_name").values_list("code", "short_name")
    return {
        "chosen": chosen,
        "rows": rows,
        "notices": notices,
        "agreement_choices": choices,
        "slots": [codes[i] if i < len(codes) else "" for i in range(MAX_COMPARED)],
    }


def _categories_by_pk(locale_id, pks):
    from .models import ProvisionCategory

    return list(ProvisionCategory.objects.filter(pk__in=pks).order_by("sort_order", "name"))


# --- Trade Policy Reviews


def _tpr_filters(entries, f, skip=()):
    from .models import TPREntryPage

    members = TPREntryPage.members.through
    topics = TPREntryPage.topics.through
    if "member" not in skip and f.member:
        entries = entries.filter(
            pk__in=members.objects.filter(country__iso3__in=f.member).values("tprentrypage_id")
        )
    if "region" not in skip and f.region:
        entries = entries.filter(
            pk__in=members.objects.filter(country__region__slug__in=f.region).values(
                "tprentrypage_id"
            )
        )
    if "topic" not in skip and f.topic:
        entries = entries.filter(
            pk__in=topics.objects.filter(topic__slug__in=f.topic).values("tprentrypage_id")
        )
    if "coverage" not in skip and f.coverage:
        entries = entries.filter(coverage_verified__in=f.coverage)
    if f.year_from:
        entries = entries.filter(review_year__gte=f.year_from)
    if f.year_to:
        entries = entries.filter(review_year__lte=f.year_to)
    for word in f.words:
        entries = entries.filter(
            Q(title__icontains=word)
            | Q(note__icontains=word)
            | Q(msme_definition__icontains=word)
            | Q(programmes_mentioned__icontains=word)
            | Q(secretariat_report_symbol__icontains=word)
            | Q(government_report_symbol__icontains=word)
        )
    return entries


def parse_tpr_filters(query):
    return filtering.parse(query, TPR_SORTS, {"member", "region", "topic", "coverage", "years"})


TPR_ORDERING = {
    "-year": ["-review_year", "title"],
    "year": ["review_year", "title"],
    "member": ["title", "-review_year"],
}


def filtered_tprs(index, f, skip=()):
    return _tpr_filters(index.entries(), f, skip)


def tpr_context(index, request):
    f = parse_tpr_filters(request.GET)

    def without(*skip):
        return filtered_tprs(index, f, skip)

    coverage_counts, _unused = _grouped(without("coverage"), "coverage_verified")
    member_counts, member_labels = _grouped(without("member"), "members__iso3", "members__name")
    region_counts, region_labels = _grouped(
        without("region"), "members__region__slug", "members__region__name", distinct=True
    )
    topic_counts, topic_labels = _grouped(without("topic"), "topics__slug", "topics__name")
    total = _total(coverage_counts, f.coverage)
    results = (
        without().order_by(*TPR_ORDERING[f.sort]).prefetch_related("members").defer_streamfields()
    )
    page = _paginate(results, total, TPRS_PER_PAGE, request.GET.get("page"))
    facets = [
        _facet("member", _("Member"), member_counts, member_labels, f.member),
        _facet("region", _("Region"), region_counts, region_labels, f.region),
        _facet("topic", _("Topic"), topic_counts, topic_labels, f.topic),
        _facet(
            "coverage",
            _("MSME coverage"),
            coverage_counts,
            dict(CoverageVerified.choices),
            f.coverage,
            order=CoverageVerified.values,
        ),
    ]
    return {
        "filters": f,
        "facets": facets,
        "sorts": TPR_SORTS,
        "results": page,
        "total": total,
        "query_string": request.GET.urlencode(),
    }
