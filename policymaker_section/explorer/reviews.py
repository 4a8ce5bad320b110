"""The Trade Policy Review list: filters and facet counts over the reviews."""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from msme_platform.core.caching import memo
from msme_platform.core.collation import name_key

from .. import catalogue as catalogues
from .. import filters as filtering
from ..enums import CoverageVerified
from .agreements import (
    _filter_key,
)
from .common import (
    TPR_FILTERS,
    TPR_SORTS,
    TPRS_PER_PAGE,
    ReviewItem,
    _facet,
    _limit,
    _paginate,
    _remember_text,
    _text_q,
)

# --- Trade Policy Reviews


TPR_TEXT_FIELDS = (
    "title",
    "note",
    "msme_definition",
    "programmes_mentioned",
    "secretariat_report_symbol",
    "government_report_symbol",
)


def parse_tpr_filters(query):
    return filtering.parse(query, TPR_SORTS, TPR_FILTERS)


def _review_passes(facts, f, skip=()):
    if "member" not in skip and f.member and not {c for c, _n in facts.members} & set(f.member):
        return False
    if "region" not in skip and f.region and not facts.regions.intersection(f.region):
        return False
    if "topic" not in skip and f.topic and not facts.topics.intersection(f.topic):
        return False
    if "coverage" not in skip and f.coverage and facts.coverage not in f.coverage:
        return False
    if f.year_from and facts.year < f.year_from:
        return False
    return not (f.year_to and facts.year > f.year_to)


def tpr_text_ids(index, words):
    from ..models import TPREntryPage  # here: the models import the explorer

    if not words:
        return None
    return _remember_text(
        "tpr-text",
        index.locale_id,
        words,
        lambda: set(
            TPREntryPage.objects.live()
            .filter(locale_id=index.locale_id)
            .filter(_text_q(words, TPR_TEXT_FIELDS))
            .values_list("pk", flat=True)
        ),
    )


def matching_reviews(index, f):
    catalogue = catalogues.for_page(index)
    text_ids = tpr_text_ids(index, f.words)
    reviews = [
        r
        for r in catalogue.reviews.values()
        if (text_ids is None or r.id in text_ids) and _review_passes(r, f)
    ]
    return catalogue, text_ids, _sorted_reviews(reviews, f.sort)


def _sorted_reviews(reviews, sort):
    if sort == "member":
        return sorted(reviews, key=lambda r: (name_key(r.title), -r.year))
    return sorted(reviews, key=lambda r: (r.year, r.title), reverse=sort == "-year")


def _review_counts(index, f):
    """Facet counts and the sorted matches: a pass over every review."""
    catalogue, text_ids, results = matching_reviews(index, f)
    counts = {name: Counter() for name in ("member", "region", "topic", "coverage")}
    for r in catalogue.reviews.values():
        if text_ids is not None and r.id not in text_ids:
            continue
        if _review_passes(r, f, {"member"}):
            counts["member"].update({c for c, _n in r.members})
        if _review_passes(r, f, {"region"}):
            counts["region"].update(r.regions)
        if _review_passes(r, f, {"topic"}):
            counts["topic"].update(r.topics)
        if _review_passes(r, f, {"coverage"}):
            counts["coverage"][r.coverage] += 1
    return {name: dict(counter) for name, counter in counts.items()}, tuple(results)


def tpr_context(index, request):
    from ..models import TPREntryPage  # here: the models import the explorer

    f = parse_tpr_filters(request.GET)
    catalogue = catalogues.for_page(index)
    # Kept per filter set until the content changes, like the agreement list's.
    counts, results = memo.remember(
        ("tpr-counts", index.locale_id, _filter_key(f)),
        lambda: _review_counts(index, f),
    )
    page = _paginate(results, len(results), TPRS_PER_PAGE, request.GET.get("page"))
    notes = dict(
        TPREntryPage.objects.filter(pk__in=[r.id for r in page.object_list]).values_list(
            "pk", "note"
        )
    )
    coverage_labels = dict(CoverageVerified.choices)
    page.object_list = [ReviewItem(facts, notes.get(facts.id, "")) for facts in page.object_list]
    facets = [
        _facet("member", _("Member"), counts["member"], catalogue.countries, f.member),
        _facet("region", _("Region"), counts["region"], catalogue.regions, f.region),
        _facet("topic", _("Topic"), counts["topic"], catalogue.topics, f.topic),
        _facet(
            "coverage",
            _("MSME coverage"),
            counts["coverage"],
            coverage_labels,
            f.coverage,
            order=CoverageVerified.values,
        ),
    ]
    return {
        "filters": f,
        "facets": _limit(facets, request, {"member"}),
        "sorts": TPR_SORTS,
        "results": page,
        "total": len(results),
        "query_string": request.GET.urlencode(),
    }
