"""My trade partner: what an exporter in one economy finds about one market.

The agreements come from the Policymaker section's catalogue (shared cache: no query once
warm); their provisions, grouped by category, from one query kept for the content
generation; programmes and events from one query each. So the page costs the same
whatever the size of the data.

The European Union is one party to the agreements it concludes (``EUN``), and its member
States are economies of their own. The starter data does not record which economies are
members of the Union, so nothing here guesses it: "Kenya → France" shows the agreements
France is recorded as a party to, and the page tells the visitor that agreements the
Union concluded as a whole are listed under the European Union.
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from events.models import EventIndexPage, EventPage
from msme_platform.core.caching import memo
from msme_platform.core.collation import name_key
from msme_platform.core.visibility import public
from policymaker_section.catalogue import for_locale
from policymaker_section.models import Provision

from .enums import ProgrammeType
from .models.programmes import live_programmes

# Categories whose provisions commit the parties to SME contact points or websites.
CONTACT_CATEGORIES = ("INST_CONTACT", "INFO_WEB", "INFO_LINKS")
EU = "EUN"
EVENTS_SHOWN = 5
EVENTS_LOOKED_AT = 50
PROVISION_FIELDS = (
    "page_id",
    "pk",
    "chapter",
    "article",
    "summary",
    "category__code",
    "category_provisional",
)


def _by_name(facts):
    return sorted(facts, key=lambda a: (-(a.year or 0), name_key(a.short_name or a.title)))


def agreements_of(catalogue, iso3):
    """Agreements in force with at least one MSME provision that ``iso3`` is a party to."""
    return _by_name(
        a
        for a in catalogue.agreements.values()
        if iso3 in a.party_codes and a.in_force and a.provision_total
    )


def _provision_rows(locale_id, ids):

    return [
        {
            "page_id": page_id,
            "anchor": f"provision-{pk}",
            "chapter": chapter,
            "article": article,
            "summary": summary,
            "code": code,
            "provisional": provisional,
        }
        for page_id, pk, chapter, article, summary, code, provisional in Provision.objects.filter(
            page_id__in=ids
        )
        .order_by("page_id", "sort_order", "pk")
        .values_list(*PROVISION_FIELDS)
    ]


def provisions_by_category(catalogue, locale_id, agreements):
    """``[{code, name, provisions}]`` in the categories' order, each provision with its
    agreement's name and a link to it on the agreement's page."""
    ids = tuple(sorted(a.id for a in agreements))
    if not ids:
        return []
    rows = memo.remember_shared(
        ("msme_section", "trade-partner-provisions", locale_id, ids),
        lambda: _provision_rows(locale_id, ids),
    )
    by_id = {a.id: a for a in agreements}
    names = dict(catalogue.categories)
    grouped = {}
    for row in rows:
        agreement = by_id[row["page_id"]]
        grouped.setdefault(row["code"], []).append(
            {
                **row,
                "agreement": agreement.short_name or agreement.title,
                "url": f"{agreement.url}#{row['anchor']}",
            }
        )
    order = [code for code, _name in catalogue.categories]
    codes = sorted(grouped, key=lambda code: order.index(code) if code in order else len(order))
    return [
        {"code": code, "name": names.get(code, code), "provisions": grouped[code]} for code in codes
    ]


def _programme_rows(locale_id, codes, request):

    found = {code: [] for code in codes}
    for programme in live_programmes(locale_id).filter(country__iso3__in=codes).order_by():
        found[programme.country.iso3].append(
            {
                "title": programme.title,
                "url": programme.get_url(request),
                "type": str(programme.get_programme_type_display()),
                "export_promotion": programme.programme_type == ProgrammeType.EXPORT_PROMOTION,
                "sizes": str(programme.sizes_display),
                "agency": programme.agency,
                "summary": programme.search_description,
                "link": programme.link,
            }
        )
    for rows in found.values():
        rows.sort(key=lambda row: (not row["export_promotion"], name_key(row["title"])))
    return found


def programmes_of(locale_id, codes, request):
    """``{iso3: [programme rows]}``: export promotion first, then by title (in the
    language's order). One query, kept in the shared cache for the content generation."""
    key = (
        "msme_section",
        "trade-partner-programmes",
        locale_id,
        tuple(codes),
        translation.get_language(),
        request.get_host() if request else "",
    )
    return memo.remember_shared(key, lambda: _programme_rows(locale_id, codes, request))


def _upcoming(locale_id, now):

    return public(
        EventPage.objects.live()
        .filter(locale_id=locale_id, ends_at__gt=now)
        .defer_streamfields()
        .select_related("locale", "country")
        .order_by("starts_at", "pk")
    )


def _next_change(rows, now):
    """When a list of upcoming events changes by itself: one of them starts (it is then
    live) or ends (it leaves the list). ``rows``: ``(starts_at, ends_at)`` pairs."""
    moments = [ends for _starts, ends in rows] + [starts for starts, _ends in rows if starts > now]
    return min(moments, default=None)


def _event_countries(locale_id, now):
    """The economies the next events are held in, kept until that list changes."""

    def compute():
        upcoming = _upcoming(locale_id, now).values_list("country__iso3", "starts_at", "ends_at")
        rows = list(upcoming[:EVENTS_LOOKED_AT])
        countries = frozenset(iso3 for iso3, _starts, _ends in rows if iso3)
        return countries, _next_change([row[1:] for row in rows], now)

    return memo.remember_until(("msme_section", "event-countries", locale_id), compute, now)[0]


def upcoming_events(locale_id, codes, request=None, now=None):
    """``(cards, in_either)``: the next events held in either economy as rendered cards, or
    else the next events anywhere. One query, bounded, and the cards are kept until the
    content changes or one of the events looked at starts or ends."""
    now = now or timezone.now()
    # Only the economies that hold one of the next events change the answer: every pair
    # whose two economies hold none shares one entry.
    relevant = tuple(sorted(set(codes) & _event_countries(locale_id, now)))

    def compute():
        upcoming = list(_upcoming(locale_id, now)[:EVENTS_LOOKED_AT])
        here = [e for e in upcoming if e.country_id and e.country.iso3 in codes]
        shown = (here or upcoming)[:EVENTS_SHOWN]
        cards = [
            render_to_string(
                "components/events/event_card.html",
                {"event": event, "heading_level": 4},
                request,
            )
            for event in shown
        ]
        until = _next_change([(e.starts_at, e.ends_at) for e in upcoming], now)
        return (cards, bool(here)), until

    if request is not None and getattr(request, "is_preview", False):
        return compute()[0]
    key = (
        "msme_section",
        "trade-partner-events",
        locale_id,
        relevant,
        translation.get_language(),
        request.get_host() if request else "",
    )
    return memo.remember_until(key, compute, now)[0]


def event_index_url(locale_id):

    def compute():
        index = EventIndexPage.objects.live().filter(locale_id=locale_id).first()
        return (index.get_url() if index else "") or ""

    return memo.remember(("msme_section", "event-index-url", locale_id), compute)


def answer(locale_id, exporter, market, request=None):
    """Everything the page shows for ``exporter`` → ``market`` (``(iso3, name)`` pairs)."""

    catalogue = for_locale(locale_id)
    codes = {exporter[0], market[0]}
    shared = [a for a in catalogue.agreements.values() if codes <= a.party_codes]
    in_force = _by_name(a for a in shared if a.in_force and a.provision_total)
    chosen = {a.id for a in in_force}
    others = _by_name(a for a in shared if a.id not in chosen)
    groups = provisions_by_category(catalogue, locale_id, in_force)
    contact_provisions = [
        provision
        for group in groups
        if group["code"] in CONTACT_CATEGORIES
        for provision in group["provisions"]
    ]
    programmes = programmes_of(locale_id, [exporter[0], market[0]], request)
    events, events_in_either = upcoming_events(locale_id, codes, request)
    return {
        "exporter": {"code": exporter[0], "name": exporter[1]},
        "market": {"code": market[0], "name": market[1]},
        "agreements": in_force,
        "other_agreements": others,
        "groups": groups,
        "contact_provisions": contact_provisions,
        "exporter_programmes": programmes[exporter[0]],
        "export_promotion_first": any(row["export_promotion"] for row in programmes[exporter[0]]),
        "market_programmes": programmes[market[0]],
        "exporter_agreements": [] if in_force else agreements_of(catalogue, exporter[0]),
        "market_agreements": [] if in_force else agreements_of(catalogue, market[0]),
        "eu_chosen": EU in codes,
        "events": events,
        "events_in_either": events_in_either,
        "events_url": event_index_url(locale_id),
    }
