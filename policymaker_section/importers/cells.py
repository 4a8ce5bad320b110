"""Cell parsers of the policymaker data sets: years, dates, yes/no/unknown, TPR symbols."""

import re

from django.utils.translation import gettext as _

from msme_platform.core.importing import (
    CellError,
    partial_date,
)

SYMBOL = re.compile(r"WT/TPR/[SG]/\d+(/Rev\.\d+)?(/Corr\.\d+)?")


def yes_no_unknown(value):
    lowered = value.lower()
    if lowered in {"yes", "y", "true", "1"}:
        return True
    if lowered in {"no", "n", "false", "0"}:
        return False
    if lowered == "":
        return None
    raise CellError(
        _("expected yes, no or empty (not verified), found %(value)r") % {"value": value}
    )


def whole_number(value):
    if not value:
        return None
    if not value.isdigit():
        raise CellError(_("expected a whole number, found %(value)r") % {"value": value})
    return int(value)


def year(value):
    if not re.fullmatch(r"\d{4}", value):
        raise CellError(_("expected a year as YYYY, found %(value)r") % {"value": value})
    return int(value)


def optional_year(value):
    return year(value) if value else None


def iso_date(value):
    day, _year = partial_date(value)
    if day is None:
        raise CellError(_("expected a date as YYYY-MM-DD, found %(value)r") % {"value": value})
    return day.isoformat()


def symbol(value):
    if value and not SYMBOL.fullmatch(value):
        raise CellError(
            _("expected a document symbol such as WT/TPR/S/458, found %(value)r") % {"value": value}
        )
    return value
