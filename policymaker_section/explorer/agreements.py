"""The agreement list: filters and disjunctive facet counts over the catalogue."""

from collections import Counter

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from msme_platform.core.caching import memo
from msme_platform.core.collation import name_key, sorted_by_name

from .. import catalogue as catalogues
from .. import filters as filtering
from ..enums import AgreementType, LegalIntensity
from .common import (
    AGREEMENT_FILTERS,
    AGREEMENT_SORTS,
    AGREEMENT_TEXT_FIELDS,
    AGREEMENTS_PER_PAGE,
    PROVISION_SORTS,
    _facet,
    _intensities,
    _limit,
    _paginate,
    _remember_text,
    _text_q,
)

# --- Agreement-level filtering on the catalogue


def _agreement_passes(facts, f, skip=()):
    if "party" not in skip and f.party and not set(f.party) <= facts.party_codes:
        return False
    if "region" not in skip and f.region and not facts.regions.intersection(f.region):
        return False
    if "type" not in skip and f.type and facts.agreement_type not in f.type:
        return False
    if f.year_from and (facts.year is None or facts.year < f.year_from):
        return False
    if f.year_to and (facts.year is None or facts.year > f.year_to):
        return False
    return "in_force" in skip or not f.in_force or facts.in_force


def _provision_count(counts, f, skip=()):
    """Provisions among ``counts`` that pass the category and intensity filters."""
    categories = set(f.category) if "category" not in skip else set()
    intensities = _intensities(f.intensity) if "intensity" not in skip else set()
    return sum(
        n
        for (code, intensity), n in counts.items()
        if (not categories or code in categories) and (not intensities or intensity in intensities)
    )


def _has_provisions(counts, f, skip=()):
    filtering_provisions = (f.category and "category" not in skip) or (
        f.intensity and "intensity" not in skip
    )
    return not filtering_provisions or _provision_count(counts, f, skip) > 0


def parse_agreement_filters(query):
    return filtering.parse(query, AGREEMENT_SORTS, AGREEMENT_FILTERS)


def parse_provision_filters(query):
    return filtering.parse(query, PROVISION_SORTS, AGREEMENT_FILTERS)


def agreement_text_ids(index, words):
    """Ids of agreements whose name, note or provisions contain every word (one query)."""

    if not words:
        return None
    return _remember_text(
        "agreement-text", index.locale_id, words, lambda: _agreement_text_ids(index, words)
    )


def _agreement_text_ids(index, words):
    from ..models import AgreementPage, Provision  # here: the models import the explorer

    query = Q()
    for word in words:
        query &= _text_q([word], AGREEMENT_TEXT_FIELDS) | Q(
            pk__in=Provision.objects.filter(
                _text_q([word], ("summary", "excerpt", "article", "chapter"))
            ).values("page_id")
        )
    return set(
        AgreementPage.objects.live()
        .filter(locale_id=index.locale_id)
        .filter(query)
        .values_list("pk", flat=True)
    )


def matching_agreements(catalogue, f, text_ids):
    return [
        facts
        for facts in catalogue.agreements.values()
        if (text_ids is None or facts.id in text_ids)
        and _agreement_passes(facts, f)
        and _has_provisions(facts.counts, f)
    ]


def _sorted_agreements(agreements, sort):
    if sort == "name":
        return sorted(agreements, key=lambda a: (name_key(a.short_name), a.id))
    if sort == "-provisions":
        return sorted(agreements, key=lambda a: (-a.provision_total, name_key(a.short_name)))
    dated = sorted(
        [a for a in agreements if a.year],
        key=lambda a: (a.entry_into_force, name_key(a.short_name)),
    )
    if sort == "-eif":
        dated.reverse()
    return dated + sorted_by_name([a for a in agreements if not a.year], lambda a: a.short_name)


def _labels(catalogue):
    intensity_labels = {("none" if v == "" else v): label for v, label in LegalIntensity.choices}
    return {
        "category": dict(catalogue.categories),
        "category_order": [code for code, _name in catalogue.categories],
        "intensity": intensity_labels,
        "type": dict(AgreementType.choices),
    }


def _filter_key(f):
    """Every filter and the sort, as a memo key part."""
    return (
        tuple(f.party),
        tuple(f.member),
        tuple(f.region),
        tuple(f.topic),
        tuple(f.coverage),
        tuple(f.type),
        tuple(f.category),
        tuple(f.intensity),
        f.year_from,
        f.year_to,
        f.in_force,
        f.q,
        f.sort,
    )


def _agreement_counts(catalogue, f, text_ids):
    """Facet counts, the in-force count and the sorted matches: a pass over every agreement."""
    candidates = [a for a in catalogue.agreements.values() if text_ids is None or a.id in text_ids]
    counts = {name: Counter() for name in ("party", "region", "type", "category", "intensity")}
    in_force = 0
    matching = []
    for a in candidates:
        if _agreement_passes(a, f, {"region"}) and _has_provisions(a.counts, f):
            counts["region"].update(a.regions)
        if _agreement_passes(a, f, {"type"}) and _has_provisions(a.counts, f):
            counts["type"][a.agreement_type] += 1
        if a.in_force and _agreement_passes(a, f, {"in_force"}) and _has_provisions(a.counts, f):
            in_force += 1
        if not _agreement_passes(a, f):
            continue
        intensities = _intensities(f.intensity)
        categories = set(f.category)
        counts["category"].update({c for (c, i) in a.counts if not intensities or i in intensities})
        counts["intensity"].update(
            {i or "none" for (c, i) in a.counts if not categories or c in categories}
        )
        if _has_provisions(a.counts, f):
            matching.append(a)
            counts["party"].update(a.party_codes)
    counts = {name: dict(counter) for name, counter in counts.items()}
    return counts, in_force, tuple(_sorted_agreements(matching, f.sort))


def agreement_context(index, request):
    f = parse_agreement_filters(request.GET)
    catalogue = catalogues.for_page(index)
    # At 500 agreements the pass costs more than the rest of the page: kept per filter
    # set until the content changes.
    counts, in_force, results = memo.remember(
        ("agreement-counts", index.locale_id, _filter_key(f)),
        lambda: _agreement_counts(catalogue, f, agreement_text_ids(index, f.words)),
    )
    labels = _labels(catalogue)
    page = _paginate(results, len(results), AGREEMENTS_PER_PAGE, request.GET.get("page"))
    facets = [
        _facet("party", _("Party"), counts["party"], catalogue.countries, f.party),
        _facet("region", _("Region of a party"), counts["region"], catalogue.regions, f.region),
        _facet(
            "category",
            _("Has a provision in category"),
            counts["category"],
            labels["category"],
            f.category,
            order=labels["category_order"],
        ),
        _facet(
            "intensity",
            _("Has a provision of legal intensity"),
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
        "sorts": AGREEMENT_SORTS,
        "results": page,
        "total": len(results),
        "query_string": request.GET.urlencode(),
    }
