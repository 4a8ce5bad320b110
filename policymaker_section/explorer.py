"""The filtered lists: agreements, provisions across agreements, Trade Policy Reviews.

Filters and facet counts are computed from the section's cached catalogue (see
``catalogue``), so a list costs one query for the page of results, plus one for a text
search, whatever the data size. Facets are "disjunctive": each option's count says how
many results there would be with that option added, every other filter kept. Choices
within a facet are alternatives ("or"), except parties, where every chosen country must
be a party ("agreements between Chile and Japan").
"""

from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from msme_platform.core.caching import memo
from msme_platform.core.collation import name_key, sorted_by_name

from . import catalogue as catalogues
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
AGREEMENT_FILTERS = {"party", "region", "category", "intensity", "type", "years", "in_force"}
TPR_FILTERS = {"member", "region", "topic", "coverage", "years"}
AGREEMENTS_PER_PAGE = 20
PROVISIONS_PER_PAGE = 25
TPRS_PER_PAGE = 20
MAX_COMPARED = 3
FACET_LIMIT = 10


@dataclass
class ReviewItem:
    """A review in a list: its catalogue facts and its summary."""

    facts: object
    note: str

    def __getattr__(self, name):
        return getattr(self.facts, name)


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
    hidden: int = 0  # options left out of a long facet (see ``_limit``)
    expanded: bool = False
    toggle_url: str = ""

    @property
    def selected_count(self):
        return sum(1 for option in self.options if option.selected)

    def checkboxes(self):
        """The options as labelled checkboxes. Written here rather than by a template loop:
        six facets of a dozen options each cost a template more than the results list."""
        return format_html_join(
            "\n",
            '<div class="facets__check"><input type="checkbox" id="f-{0}-{1}" name="{0}" '
            'value="{2}"{3}><label for="f-{0}-{1}">{4} <span class="facets__count">({5})'
            "</span></label></div>",
            (
                (
                    self.name,
                    number,
                    option.value,
                    mark_safe(" checked") if option.selected else "",
                    option.label,
                    option.count,
                )
                for number, option in enumerate(self.options, start=1)
            ),
        )


def _facet(name, label, counts, labels, selected, order=None):
    """Options with a count, in ``order`` or by label, plus chosen values matching nothing."""
    if order is None:
        order = sorted_by_name(counts, lambda key: labels.get(key, key))
    options = [
        Option(key, labels.get(key, key), counts.get(key, 0), key in selected)
        for key in order
        if counts.get(key) or key in selected
    ]
    shown = {option.value for option in options}
    options += [Option(key, key, 0, True) for key in selected if key not in shown]
    return Facet(name, label, options)


def _limit(facets, request, names):
    """Long facets (parties, members: 160 countries) show their ``FACET_LIMIT`` biggest
    options and the chosen ones, with a plain link (no JavaScript) to show them all:
    rendering every country on every page cost more than counting them.

    A facet that cannot narrow the list is not offered: one with a single option and none
    chosen (legal intensity while no provision has been assessed: "not assessed" for all).
    """
    facets = [facet for facet in facets if facet.selected_count or len(facet.options) > 1]
    expanded = set(request.GET.getlist("all"))
    for facet in facets:
        if facet.name not in names or len(facet.options) <= FACET_LIMIT + 2:
            continue
        query = request.GET.copy()
        query.pop("page", None)
        others = [name for name in query.getlist("all") if name != facet.name]
        if facet.name in expanded:
            facet.expanded = True
            query.setlist("all", others)
        else:
            biggest = sorted(facet.options, key=lambda option: -option.count)[:FACET_LIMIT]
            kept = {option.value for option in biggest}
            shown = [o for o in facet.options if o.value in kept or o.selected]
            facet.hidden = len(facet.options) - len(shown)
            facet.options = shown
            query.setlist("all", [*others, facet.name])
        facet.toggle_url = f"?{query.urlencode()}"
    return facets


def _paginate(items, total, per_page, number):
    paginator = Paginator(items, per_page)
    paginator.count = total  # known from the facets: no COUNT query
    return paginator.get_page(number)


def _intensities(values):
    return {"" if value == "none" else value for value in values}


def _text_q(words, fields):
    query = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        query &= any_field
    return query


PROVISION_OWN_TEXT_FIELDS = ("summary", "excerpt", "article", "chapter")
PROVISION_TEXT_FIELDS = (
    "summary",
    "excerpt",
    "article",
    "chapter",
    "page__title",
    "page__short_name",
)
AGREEMENT_TEXT_FIELDS = ("title", "short_name", "note")


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
    from .models import AgreementPage, Provision

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


def _remember_text(kind, locale_id, words, compute):
    """``compute()`` for a text search, kept in the memo until content changes (anything
    that can change a match is a content change)."""
    return memo.remember((kind, locale_id, tuple(words)), compute)


def provision_text_counts(catalogue, locale_id, words):
    """``{agreement id: Tally}`` of the provisions matching ``words``.

    One grouped query, the same shape as the catalogue's counts, so facets and pages are
    counted the same way with or without a text search. Kept for the content generation,
    and shared by every app server (``memo.remember_shared``), as the grouped query is the
    slowest part of a text search at scale: anything that can change a match (a
    provision, an agreement's name, a publish) moves the generation on, so a kept answer
    is never stale.
    """
    from .models import Provision

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
        from .models import Provision

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
    from .models import Provision

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


# --- Compare


def compare_context(index, request):
    from .models import Provision

    catalogue = catalogues.for_page(index)
    codes = []
    for raw in request.GET.getlist("a")[:10]:
        code = raw.strip().lower()
        if code and filtering.SLUG.fullmatch(code) and code not in codes:
            codes.append(code)
    notices = []
    if len(codes) > MAX_COMPARED:
        notices.append(_("Up to three agreements can be compared; the first three were kept."))
        codes = codes[:MAX_COMPARED]
    by_code = {a.code: a for a in catalogue.agreements.values()}
    missing = [code for code in codes if code not in by_code]
    if missing:
        notices.append(
            _("No agreement with the code %(codes)s; choose from the list.")
            % {"codes": ", ".join(missing)}
        )
    chosen = [by_code[code] for code in codes if code in by_code]
    rows = []
    if len(chosen) >= 2:
        cells = {}
        for provision in (
            Provision.objects.filter(page_id__in=[a.id for a in chosen])
            .order_by("sort_order", "pk")
            .select_related("category")
        ):
            provision.agreement_url = catalogue.agreements[provision.page_id].url
            cells.setdefault((provision.category.code, provision.page_id), []).append(provision)
        names = dict(catalogue.categories)
        used = {code for code, _page in cells}
        order = [code for code, _name in catalogue.categories if code in used]
        order += sorted(used - set(order))
        for code in order:
            rows.append(
                ((code, names.get(code, code)), [cells.get((code, a.id), []) for a in chosen])
            )
    elif codes or request.GET:
        notices.append(_("Choose two or three agreements to compare."))
    choices = sorted_by_name(
        ((a.code, a.short_name) for a in catalogue.agreements.values()), lambda pair: pair[1]
    )
    return {
        "chosen": chosen,
        "rows": rows,
        "notices": notices,
        "agreement_choices": choices,
        "slots": [codes[i] if i < len(codes) else "" for i in range(MAX_COMPARED)],
    }


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
    from .models import TPREntryPage

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
    from .models import TPREntryPage

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
