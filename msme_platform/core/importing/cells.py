"""Cells and errors: what an importer reports, and the parsers that turn the text of one
cell into a Python value (or a ``CellError`` the importer places at its line and column)."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    column: str
    message: str

    def __str__(self):
        where = f"{self.file}, line {self.line}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class ImportFileError(Exception):
    """A file that cannot be imported; ``errors`` says where and why."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


class CellError(ValueError):
    """Raised by a parser or ``resolve`` for a bad value; the importer adds file and line."""

    def __init__(self, message, column=""):
        self.column = column
        super().__init__(message)


# --- Cell parsers: each takes the stripped text of one cell and returns a Python value.


def text(value):
    return value


def yes_no(value):
    lowered = value.lower()
    if lowered in {"yes", "y", "true", "1"}:
        return True
    if lowered in {"no", "n", "false", "0", ""}:
        return False
    raise CellError(_("expected yes or no, found %(value)r") % {"value": value})


def url(value):
    """An http(s) address. Spaces, common in addresses copied from a treaty database, are
    written as ``%20`` (the same address, in the form browsers and validators accept)."""
    if not value:
        return ""
    value = value.replace(" ", "%20")
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise CellError(_("expected a web address starting with http(s)://")) from None
    return value


def partial_date(value):
    """``YYYY-MM-DD`` or ``YYYY``: returns ``(date or None, year or None)``."""
    if not value:
        return (None, None)
    if re.fullmatch(r"\d{4}", value):
        return (None, int(value))
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise CellError(
            _("expected a date as YYYY-MM-DD or a year as YYYY, found %(value)r") % {"value": value}
        ) from None
    return (day, day.year)


def choice(*allowed):
    def parse(value):
        if value not in allowed:
            raise CellError(
                _("expected one of %(allowed)s, found %(value)r")
                % {"allowed": ", ".join(repr(a) for a in allowed), "value": value}
            )
        return value

    return parse


def multi(parse=text, separator=";"):
    def parse_many(value):
        return [parse(part.strip()) for part in value.split(separator) if part.strip()]

    return parse_many


# The optional column giving the day a row was checked against its source.
VERIFIED_COLUMN = "last_verified"


def verification_date(value):
    """``YYYY-MM-DD`` or empty: the day a record was compared with its source."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CellError(
            _("expected the day it was checked as YYYY-MM-DD, found %(value)r") % {"value": value}
        ) from None
