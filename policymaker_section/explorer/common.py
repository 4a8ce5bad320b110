"""What every filtered list shares: sorts, page sizes, facets and their options, paging."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from msme_platform.core.caching import memo
from msme_platform.core.collation import sorted_by_name

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


def _remember_text(kind, locale_id, words, compute):
    """``compute()`` for a text search, kept in the memo until content changes (anything
    that can change a match is a content change)."""
    return memo.remember((kind, locale_id, tuple(words)), compute)
