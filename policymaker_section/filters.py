"""Reading filter parameters from a query string, forgivingly.

A filter URL is shared and bookmarked, so it outlives the data and gets edited by hand:
a value that cannot be a valid code is dropped with a message, a well-formed code that
matches nothing simply finds nothing. Nothing here raises.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .enums import AgreementType, CoverageVerified, LegalIntensity

MAX_QUERY_LENGTH = 200
MAX_VALUES = 30
YEAR_MIN, YEAR_MAX = 1947, 2100

ISO3 = re.compile(r"[A-Za-z]{3}")
SLUG = re.compile(r"[-a-z0-9]{1,120}")
CODE = re.compile(r"[A-Za-z0-9_]{1,40}")


@dataclass
class Filters:
    party: list = field(default_factory=list)
    region: list = field(default_factory=list)
    category: list = field(default_factory=list)
    intensity: list = field(default_factory=list)
    type: list = field(default_factory=list)
    member: list = field(default_factory=list)
    topic: list = field(default_factory=list)
    coverage: list = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    in_force: bool = False
    q: str = ""
    sort: str = ""
    ignored: list = field(default_factory=list)

    @property
    def words(self):
        return self.q.split()

    @property
    def active(self):
        return any(
            [
                self.party,
                self.region,
                self.category,
                self.intensity,
                self.type,
                self.member,
                self.topic,
                self.coverage,
                self.year_from,
                self.year_to,
                self.in_force,
                self.q,
            ]
        )


def _values(query, name, valid, normalise=str, label=None):
    kept, dropped = [], []
    for raw in query.getlist(name)[:MAX_VALUES]:
        value = raw.strip()
        if not value:
            continue
        if valid(value):
            value = normalise(value)
            if value not in kept:
                kept.append(value)
        else:
            dropped.append(raw[:40])
    messages = [
        _("%(filter)s: %(value)r is not a value this filter knows; it was ignored.")
        % {"filter": label or name, "value": value}
        for value in dropped
    ]
    return kept, messages


def _year(query, name, label):
    raw = query.get(name, "").strip()
    if not raw:
        return None, []
    if raw.isdigit() and YEAR_MIN <= int(raw) <= YEAR_MAX:
        return int(raw), []
    return None, [
        _("%(filter)s: %(value)r is not a year between %(min)s and %(max)s; it was ignored.")
        % {"filter": label, "value": raw[:20], "min": YEAR_MIN, "max": YEAR_MAX}
    ]


def parse(query, sorts, which):
    """``Filters`` from a QueryDict. ``which`` names the filters this list offers."""
    filters = Filters()
    messages = []
    specs = {
        "party": (lambda v: ISO3.fullmatch(v), str.upper, _("Party")),
        "member": (lambda v: ISO3.fullmatch(v), str.upper, _("Member")),
        "region": (lambda v: SLUG.fullmatch(v), str, _("Region")),
        "topic": (lambda v: SLUG.fullmatch(v), str, _("Topic")),
        "category": (lambda v: CODE.fullmatch(v), str.upper, _("Category")),
        "intensity": (
            lambda v: v in LegalIntensity.values or v == "none",
            str,
            _("Legal intensity"),
        ),
        "type": (lambda v: v in AgreementType.values, str, _("Agreement type")),
        "coverage": (lambda v: v in CoverageVerified.values, str, _("MSME coverage")),
    }
    for name, (valid, normalise, label) in specs.items():
        if name in which:
            kept, dropped = _values(query, name, valid, normalise, label)
            setattr(filters, name, kept)
            messages += dropped
    if "years" in which:
        filters.year_from, dropped = _year(query, "from", _("From year"))
        messages += dropped
        filters.year_to, dropped = _year(query, "to", _("To year"))
        messages += dropped
        if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
            filters.year_from, filters.year_to = filters.year_to, filters.year_from
            messages.append(_("The years were the wrong way round; they have been swapped."))
    if "in_force" in which:
        filters.in_force = query.get("in_force", "") in {"1", "on", "yes", "true"}
    # Control characters (a NUL byte cannot even reach PostgreSQL) are spaces here.
    raw = "".join(ch if ch.isprintable() else " " for ch in query.get("q", "")[:5000])
    words = " ".join(raw.split())
    if len(words) > MAX_QUERY_LENGTH:
        messages.append(
            _("The search text was shortened to %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
        )
    filters.q = words[:MAX_QUERY_LENGTH]
    sort = query.get("sort", "")
    if sort and sort not in sorts:
        messages.append(
            _("Unknown sort order %(value)r; the default order is used.") % {"value": sort[:20]}
        )
    filters.sort = sort if sort in sorts else next(iter(sorts))
    filters.ignored = messages
    return filters
