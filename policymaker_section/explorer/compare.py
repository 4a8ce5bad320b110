"""The side-by-side comparison of up to three agreements."""

from django.utils.translation import gettext_lazy as _

from msme_platform.core.collation import sorted_by_name

from .. import catalogue as catalogues
from .. import filters as filtering
from .common import MAX_COMPARED

# --- Compare


def compare_context(index, request):
    from ..models import Provision  # here: the models import the explorer

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
