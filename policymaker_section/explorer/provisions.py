"""The provisions explorer: provisions across agreements, grouped, filtered and counted."""

from collections import Counter

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from msme_platform.core.caching import memo

from .. import catalogue as catalogues
from ..enums import AgreementType
from .agreements import (
    _agreement_passes,
    _filter_key,
    _labels,
    parse_provision_filters,
)
from .common import (
    PROVISION_OWN_TEXT_FIELDS,
    PROVISION_SORTS,
    PROVISIONS_PER_PAGE,
    _facet,
    _intensities,
    _limit,
    _paginate,
    _text_q,
)

# --- Provisions


def provision_text_q(catalogue, words):
    """Provisions containing every word in their own text or their agreement's name.

    A word found in an agreement's name is looked up in the catalogue, so the query needs
    no join. On PostgreSQL the substring tests use trigram indexes (migration 0004).
    """
    query = Q()
    for word in words:
        lowered = word.lower()
        by_name = [
            a.id
            for a in catalogue.agreements.values()
            if lowered in a.title.lower() or lowered in a.short_name.lower()
        ]
        query &= _text_q([word], PROVISION_OWN_TEXT_FIELDS) | Q(page_id__in=by_name)
    return query


def provision_text_counts(catalogue, locale_id, words):
    """``{agreement id: Tally}`` of the provisions matching ``words``.

    One grouped query, the same shape as the catalogue's counts, so facets and pages are
    counted the same way with or without a text search. Kept for the content generation,
    and shared by every app server (``memo.remember_shared``), as the grouped query is the
    slowest part of a text search at scale: anything that can change a match (a
    provision, an agreement's name, a publish) moves the generation on, so a kept answer
    is never stale.
    """
    from ..models import Provision  # here: the models import the explorer

    def count():
        rows = (
            Provision.objects.filter(page_id__in=list(catalogue.agreements))
            .filter(provision_text_q(catalogue, words))
            .order_by()
            .values_list("page_id", "category__code", "legal_intensity")
            .annotate(n=Count("pk"))
        )
        cells = {}
        for page_id, code, intensity, n in rows:
            cells.setdefault(page_id, {})[(code, intensity)] = n
        return {page_id: catalogues.Tally(cell) for page_id, cell in cells.items()}

    key = ("provision-text", locale_id, tuple(w.lower() for w in words))
    return memo.remember_shared(key, count)


def _provision_groups(catalogue, f, matching):
    """The results as ``[(group key, n)]`` in display order.

    Results are grouped by agreement (or by category, then agreement), and each group's
    size is known from the counts, so a page of results is found by walking the groups.
    """
    agreements = catalogue.agreements
    if f.sort == "category":
        categories, intensities = set(f.category), _intensities(f.intensity)
        per_category = {}
        for a, tally in sorted(matching, key=lambda m: (m[0].title, m[0].id)):
            for (code, intensity), n in tally.cells.items():
                if (not categories or code in categories) and (
                    not intensities or intensity in intensities
                ):
                    cell = per_category.setdefault(code, {})
                    cell[a.id] = cell.get(a.id, 0) + n
        rank = {code: position for position, (code, _name) in enumerate(catalogue.categories)}
        order = sorted(per_category, key=lambda code: (rank.get(code, len(rank)), code))
        return [((code, page_id), n) for code in order for page_id, n in per_category[code].items()]
    if f.sort in ("eif", "-eif"):
        sign = -1 if f.sort == "-eif" else 1

        def key(m):
            year = agreements[m[0].id].year
            return (year is None, sign * (year or 0), m[0].title, m[0].id)

    else:

        def key(m):
            return (m[0].title, m[0].id)

    categories, intensities = set(f.category), _intensities(f.intensity)
    return [(a.id, t.passing(categories, intensities)) for a, t in sorted(matching, key=key)]


class ProvisionResults:
    """The matching provisions in display order, as a sequence a Paginator can slice.

    Slicing fetches only the groups (see ``_provision_groups``) the slice covers: one small
    query for a page, never a sort of every match, and no COUNT.
    """

    def __init__(self, catalogue, f, groups):
        self.catalogue, self.f, self.groups = catalogue, f, groups
        self.total = sum(n for _key, n in groups)

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        from ..models import Provision  # here: the models import the explorer

        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop, _step = item.indices(self.total)
        chosen, position = {}, 0
        for key, n in self.groups:
            if position >= stop:
                break
            if position + n > start:
                chosen.setdefault(key, (len(chosen), position))
            position += n
        if not chosen:
            return []
        by_category = self.f.sort == "category"
        page_ids = {key[1] if by_category else key for key in chosen}
        provisions = Provision.objects.filter(page_id__in=page_ids).select_related("category")
        if by_category:
            provisions = provisions.filter(category__code__in={key[0] for key in chosen})
        provisions = _provision_filters(provisions, self.catalogue, self.f)
        rows = []
        for provision in provisions:
            key = (provision.category.code, provision.page_id) if by_category else provision.page_id
            if key in chosen:
                rows.append((chosen[key][0], provision.sort_order, provision.pk, provision))
        rows.sort(key=lambda row: row[:3])
        skip = start - min(position for _rank, position in chosen.values())
        return [row[3] for row in rows[skip : skip + stop - start]]


def _provision_filters(provisions, catalogue, f):
    if f.category:
        provisions = provisions.filter(category__code__in=f.category)
    if f.intensity:
        provisions = provisions.filter(legal_intensity__in=_intensities(f.intensity))
    if f.words:
        provisions = provisions.filter(provision_text_q(catalogue, f.words))
    return provisions


# Exports list every match in the explorer's order; undated agreements last, as there.
PROVISION_ORDERING = {
    "agreement": ["page__title", "page_id", "sort_order", "pk"],
    "category": ["category__sort_order", "category__code", "page__title", "sort_order", "pk"],
    "-eif": [
        F("page__entry_into_force_year").desc(nulls_last=True),
        "page__title",
        "sort_order",
        "pk",
    ],
    "eif": [
        F("page__entry_into_force_year").asc(nulls_last=True),
        "page__title",
        "sort_order",
        "pk",
    ],
}


def matching_provisions(catalogue, f, agreement_ids):
    """Provisions of these agreements that pass the provision-level filters (a queryset)."""
    from ..models import Provision  # here: the models import the explorer

    provisions = Provision.objects.filter(page_id__in=agreement_ids)
    return _provision_filters(provisions, catalogue, f).order_by(*PROVISION_ORDERING[f.sort])


def provision_matches(catalogue, f, text_counts):
    """``(agreement facts, tally)`` for agreements with provisions to count."""
    for a in catalogue.agreements.values():
        tally = a.tally if text_counts is None else text_counts.get(a.id)
        if tally and tally.total:
            yield a, tally


def _add(counter, counts):
    for key, n in counts.items():
        counter[key] += n


def _provision_counts(catalogue, f, text_counts):
    """Facet counts, the in-force count, the total and the result groups (see
    ``_provision_groups``): a pass over every agreement's tally."""
    counts = {name: Counter() for name in ("party", "region", "type", "category", "intensity")}
    in_force = total = 0
    matching = []
    categories, intensities = set(f.category), _intensities(f.intensity)
    for a, tally in provision_matches(catalogue, f, text_counts):
        passing = tally.passing(categories, intensities)
        if passing and f.region and _agreement_passes(a, f, {"region"}):
            for region in a.regions:
                counts["region"][region] += passing
        if passing and f.type and _agreement_passes(a, f, {"type"}):
            counts["type"][a.agreement_type] += passing
        if passing and a.in_force and f.in_force and _agreement_passes(a, f, {"in_force"}):
            in_force += passing
        if not _agreement_passes(a, f):
            continue
        # Without its own filter a facet's skip-one count is the plain count: no re-test.
        if passing and not f.region:
            for region in a.regions:
                counts["region"][region] += passing
        if passing and not f.type:
            counts["type"][a.agreement_type] += passing
        if passing and a.in_force and not f.in_force:
            in_force += passing
        _add(counts["category"], tally.categories_among(intensities))
        _add(counts["intensity"], tally.intensities_among(categories))
        if passing:
            total += passing
            matching.append((a, tally))
            for party in a.party_codes:
                counts["party"][party] += passing
    counts["intensity"] = Counter(
        {(intensity or "none"): n for intensity, n in counts["intensity"].items()}
    )
    counts = {name: dict(counter) for name, counter in counts.items()}
    return counts, in_force, total, tuple(_provision_groups(catalogue, f, matching))


def provision_context(index, request):
    f = parse_provision_filters(request.GET)
    catalogue = catalogues.for_page(index)

    def compute():
        words = f.words
        text_counts = provision_text_counts(catalogue, index.locale_id, words) if words else None
        return _provision_counts(catalogue, f, text_counts)

    # The pass over 500 agreements' tallies was most of the page: kept per filter set.
    counts, in_force, total, groups = memo.remember(
        ("provision-counts", index.locale_id, _filter_key(f)), compute
    )
    results = ProvisionResults(catalogue, f, groups)
    page = _paginate(results, total, PROVISIONS_PER_PAGE, request.GET.get("page"))
    for provision in page.object_list:
        provision.agreement = catalogue.agreements[provision.page_id]
        provision.agreement_url = provision.agreement.url
    labels = _labels(catalogue)
    facets = [
        _facet(
            "category",
            _("Category"),
            counts["category"],
            labels["category"],
            f.category,
            order=labels["category_order"],
        ),
        _facet("party", _("Party"), counts["party"], catalogue.countries, f.party),
        _facet("region", _("Region of a party"), counts["region"], catalogue.regions, f.region),
        _facet(
            "intensity",
            _("Legal intensity"),
            counts["intensity"],
            labels["intensity"],
            f.intensity,
            order=list(labels["intensity"]),
        ),
        _facet(
            "type",
            _("Agreement type"),
            counts["type"],
            labels["type"],
            f.type,
            order=AgreementType.values,
        ),
    ]
    return {
        "filters": f,
        "facets": _limit(facets, request, {"party"}),
        "in_force_count": in_force,
        "sorts": PROVISION_SORTS,
        "results": page,
        "total": total,
        "query_string": request.GET.urlencode(),
    }


def export_provision_ids(index, f):
    """Agreement ids whose provisions an export of the provisions explorer covers."""
    catalogue = catalogues.for_page(index)
    return catalogue, [a.id for a in catalogue.agreements.values() if _agreement_passes(a, f)]
