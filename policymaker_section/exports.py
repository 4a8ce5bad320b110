"""Open data: every filtered list as CSV and JSON, and each record as JSON.

The same filter parameters as the HTML lists apply. Ids are stable codes (an agreement's
``code``, a provision's database id, a review's ``code``). CSV is UTF-8 with a byte-order
mark (so spreadsheet programs read accents correctly) and one header row of column names;
the formats are described at the agreement index's ``open-data/`` route.
"""

import csv
import io

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import catalogue as catalogues
from . import explorer

AGREEMENT_COLUMNS = [
    ("code", _("Stable identifier of the agreement")),
    ("name", _("Full name")),
    ("short_name", _("Common abbreviation")),
    ("type", _("FTA, EIA, FTA & EIA, CU, CU & EIA, PSA or PSA & EIA")),
    (
        "parties",
        _("ISO 3166-1 alpha-3 codes of the parties, separated by ';' (EUN = European Union)"),
    ),
    ("signature", _("Signature date (YYYY-MM-DD) or year (YYYY); empty if not verified")),
    ("entry_into_force", _("Entry into force, date or year; empty if not verified")),
    ("status", _("Status in words; empty if not verified")),
    ("status_recorded_year", _("Year the source recorded the status; empty if not recorded")),
    ("in_force", _("yes if in force for at least some parties, otherwise no")),
    ("has_sme_chapter", _("yes, no, or empty when not verified")),
    ("sme_chapter", _("Number and title of the SME chapter")),
    ("wto_rta_id", _("Id in the WTO RTA database; empty if not verified")),
    ("provision_count", _("Number of MSME provisions recorded")),
    ("url", _("Address of the agreement on this site")),
    ("source_url", _("Main source")),
    ("note", _("Context, including what was not verified")),
]
PROVISION_COLUMNS = [
    ("provision_id", _("Stable identifier of the provision")),
    ("agreement_code", _("Code of its agreement (see agreements)")),
    ("agreement", _("Short name of its agreement")),
    ("parties", _("Parties of its agreement, ISO3 codes separated by ';'")),
    ("entry_into_force", _("Entry into force of its agreement, date or year")),
    ("chapter", _("Chapter number and title")),
    ("article", _("Article number and title; empty if the source gave none")),
    ("category_code", _("Category code (see the categories on this page)")),
    ("category", _("Category name")),
    ("legal_intensity", _("binding, best-endeavour, hortatory, or empty when not assessed")),
    ("summary", _("What the provision does, in plain words")),
    ("excerpt", _("Short quotation of the text, when given")),
    ("excerpt_language", _("Language of the quotation (en, fr or es); never translated")),
    (
        "category_provisional",
        _("yes if the category was assigned by a rule and not yet confirmed by a delegate"),
    ),
    ("permalink", _("Address of the provision on this site")),
    ("permanent_url", _("Short, stable address of the provision, to cite")),
    ("source_url", _("Where the text can be read")),
]
TPR_COLUMNS = [
    ("code", _("Stable identifier of the entry")),
    ("members", _("ISO3 codes of the member(s) reviewed, separated by ';'")),
    ("title", _("Title")),
    ("review_year", _("Year of the review meeting")),
    ("review_number", _("Which review of the member; empty if not verified")),
    ("meeting_dates", _("Meeting dates, YYYY-MM-DD separated by ';'")),
    ("secretariat_report_symbol", _("WT/TPR/S/…; empty if not seen in a source")),
    ("government_report_symbol", _("WT/TPR/G/…; empty if not seen in a source")),
    ("msme_coverage", _("yes (confirmed), planned (announced, not checked) or no (not verified)")),
    ("topics", _("Topic codes separated by ';'")),
    ("msme_subjects_reported", _("Subjects as the source lists them")),
    ("msme_definition", _("MSME definition used in the review")),
    ("headline_figures", _("Figures with their year")),
    ("programmes_mentioned", _("Programmes named in the review")),
    ("summary", _("What the review says about MSMEs")),
    ("url", _("Address of the entry on this site")),
    ("source_url", _("Source for symbols and dates")),
    ("msme_evidence_url", _("Source for the MSME coverage")),
]
FORMATS = {"csv", "json"}


def _yes_no(value):
    if value is None:
        return ""
    return "yes" if value else "no"


def _iso(value):
    return (
        value.isoformat() if hasattr(value, "isoformat") else ("" if value is None else str(value))
    )


def _respond(fmt, filename, columns, rows, extra=None):
    if fmt not in FORMATS:
        raise Http404
    names = [name for name, _label in columns]
    # The column meanings and the addresses are in the visitor's language; records that are
    # not translated yet keep their English text.
    language = get_language()
    if fmt == "json":
        data = {
            "language": language,
            "columns": {name: str(label) for name, label in columns},
            **(extra or {}),
            "results": list(rows),
        }
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'inline; filename="{filename}.json"'
        response["Content-Language"] = language
        return response

    def stream():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\r\n")
        buffer.write("\ufeff")
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in names})
            if buffer.tell() > 16384:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["Content-Language"] = language
    return response


def _parties_by_agreement(agreement_ids):
    # Imported here to avoid a cycle: the policymaker models import this module.
    from .models import AgreementPage

    through = AgreementPage.parties.through
    parties = {}
    for agreement_id, iso3 in (
        through.objects.filter(agreementpage_id__in=agreement_ids)
        .order_by("country__iso3")
        .values_list("agreementpage_id", "country__iso3")
    ):
        parties.setdefault(agreement_id, []).append(iso3)
    return parties


def _agreement_row(agreement, request, parties, provision_count):
    return {
        "code": agreement.code,
        "name": agreement.title,
        "short_name": agreement.short_name,
        "type": agreement.agreement_type,
        "parties": ";".join(parties),
        "signature": _iso(agreement.signature_display),
        "entry_into_force": _iso(agreement.entry_into_force_display),
        "status": agreement.status,
        "status_recorded_year": agreement.status_recorded_year or "",
        "in_force": _yes_no(agreement.in_force),
        "has_sme_chapter": _yes_no(agreement.has_sme_chapter),
        "sme_chapter": " ".join(
            part for part in (agreement.sme_chapter_number, agreement.sme_chapter_title) if part
        ),
        "wto_rta_id": agreement.wto_rta_id or "",
        "provision_count": provision_count,
        "url": request.build_absolute_uri(agreement.get_url(request)),
        "source_url": agreement.source_url,
        "note": agreement.note,
    }


def _provision_row(provision, agreement, parties, agreement_url):
    """``agreement`` is an AgreementPage or its catalogue facts: both have these names.
    Agreement pages sit right under their index, whose ``provisions/<id>/`` is the
    provision's short address."""
    index_url = agreement_url[: -len(agreement.slug) - 1]
    return {
        "provision_id": provision.pk,
        "agreement_code": agreement.code,
        "agreement": agreement.short_name,
        "parties": ";".join(parties),
        "entry_into_force": _iso(agreement.entry_into_force),
        "chapter": provision.chapter,
        "article": provision.article,
        "category_code": provision.category.code,
        "category": provision.category.name,
        "legal_intensity": provision.legal_intensity,
        "summary": provision.summary,
        "excerpt": provision.excerpt,
        "excerpt_language": provision.excerpt_language,
        "category_provisional": _yes_no(provision.category_provisional),
        "permalink": f"{agreement_url}#{provision.anchor}",
        "permanent_url": f"{index_url}provisions/{provision.pk}/",
        "source_url": provision.source_url,
    }


def export_agreements(index, request, fmt):
    # Imported here to avoid a cycle: the policymaker models import this module.
    from .models import AgreementPage

    f = explorer.parse_agreement_filters(request.GET)
    catalogue = catalogues.for_page(index)
    text_ids = explorer.agreement_text_ids(index, f.words)
    facts = {a.id: a for a in explorer.matching_agreements(catalogue, f, text_ids)}
    agreements = AgreementPage.objects.filter(pk__in=list(facts)).order_by("title")
    rows = (
        _agreement_row(
            a,
            request,
            sorted(code for code, _name in facts[a.pk].parties),
            facts[a.pk].provision_total,
        )
        for a in agreements.defer_streamfields().iterator()
    )
    return _respond(fmt, "msme-agreements", AGREEMENT_COLUMNS, rows, {"count": len(facts)})


def export_provisions(index, request, fmt):
    f = explorer.parse_provision_filters(request.GET)
    catalogue, agreement_ids = explorer.export_provision_ids(index, f)
    provisions = explorer.matching_provisions(catalogue, f, agreement_ids).select_related(
        "category"
    )
    base_url = request.build_absolute_uri(index.get_url(request))
    parties = {
        a.id: sorted(code for code, _name in a.parties) for a in catalogue.agreements.values()
    }

    def rows():
        for provision in provisions.iterator(chunk_size=2000):
            facts = catalogue.agreements[provision.page_id]
            yield _provision_row(provision, facts, parties[facts.id], f"{base_url}{facts.slug}/")

    count = provisions.count() if fmt == "json" else None
    return _respond(fmt, "msme-provisions", PROVISION_COLUMNS, rows(), {"count": count})


def agreement_record(agreement, request, provisions):
    facts = catalogues.for_page(agreement).agreements.get(agreement.pk)
    if facts is not None:
        parties = sorted(code for code, _name in facts.parties)
    else:  # not published: not in the catalogue
        parties = sorted(country.iso3 for country in agreement.parties.all())
    provisions = list(provisions)
    record = _agreement_row(agreement, request, parties, len(provisions))
    url = request.build_absolute_uri(agreement.get_url(request))
    record["provisions"] = [_provision_row(p, facts or agreement, parties, url) for p in provisions]
    return record


def _tpr_row(entry, request, members, topics):
    return {
        "code": entry.code,
        "members": ";".join(members),
        "title": entry.title,
        "review_year": entry.review_year,
        "review_number": entry.review_number or "",
        "meeting_dates": entry.meeting_dates,
        "secretariat_report_symbol": entry.secretariat_report_symbol,
        "government_report_symbol": entry.government_report_symbol,
        "msme_coverage": entry.coverage_verified,
        "topics": ";".join(topics),
        "msme_subjects_reported": entry.msme_topics_reported,
        "msme_definition": entry.msme_definition,
        "headline_figures": entry.headline_figures,
        "programmes_mentioned": entry.programmes_mentioned,
        "summary": entry.note,
        "url": request.build_absolute_uri(entry.get_url(request)),
        "source_url": entry.source_url,
        "msme_evidence_url": entry.msme_evidence_url,
    }


def tpr_record(entry, request):
    return _tpr_row(
        entry,
        request,
        sorted(c.iso3 for c in entry.members.all()),
        sorted(t.slug for t in entry.topics.all()),
    )


def export_tprs(index, request, fmt):
    # Imported here to avoid a cycle: the policymaker models import this module.
    from .models import TPREntryPage

    f = explorer.parse_tpr_filters(request.GET)
    catalogue, _text_ids, reviews = explorer.matching_reviews(index, f)
    entries = TPREntryPage.objects.in_bulk([r.id for r in reviews])
    rows = (
        _tpr_row(
            entries[r.id],
            request,
            sorted(code for code, _name in r.members),
            sorted(r.topics),
        )
        for r in reviews
        if r.id in entries
    )
    return _respond(fmt, "msme-trade-policy-reviews", TPR_COLUMNS, rows, {"count": len(reviews)})
