"""The CSV import layer: one parser for every data set the site loads.

An importer reads a whole file before it writes anything. Every problem is reported with
the file, line and column at fault; a file with any problem writes nothing. A clean file
is compared with what the database holds, row by row, so a preview can say what would be
created, updated or left unchanged, and running the same file twice changes nothing.

Files for records with provenance may add a ``last_verified`` column (``YYYY-MM-DD``, the
day the row was checked against its ``source_url``); none of the starter files has one, so
their records start as never checked rather than with an invented date.

Subclasses declare their columns and key; the management commands, the starter content and
the admin upload all go through ``CSVImporter.read()`` and ``ImportPlan.apply()``.
"""

import csv
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy


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


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], Any] = text
    required: bool = False
    # A file may leave an optional column out of its header; its cells then count as empty.
    optional: bool = False


@dataclass
class PlannedRow:
    line: int
    key: tuple
    values: dict
    instance: Any = None
    changes: list = field(default_factory=list)

    @property
    def action(self):
        if self.instance is None:
            return "create"
        return "update" if self.changes else "unchanged"


@dataclass
class ImportPlan:
    importer: "CSVImporter"
    file: str
    rows: list

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self):
        return {action: self.count(action) for action in ("create", "update", "unchanged")}

    def apply(self):
        """Write the planned rows in one transaction; returns what it did."""
        summary = self.summary
        with transaction.atomic():
            for row in self.rows:
                if row.action != "unchanged":
                    row.instance = self.importer.save(row)
        return summary


class CSVImporter:
    """Reads one CSV format into one model. Subclasses set the class attributes below."""

    model = None  # a model class or "app_label.ModelName"
    columns: list[Column] = []
    key: tuple[str, ...] = ()  # model fields that identify a record
    label = ""

    def __init__(self, locale=None):
        self.locale = locale or Locale.get_default()

    @classmethod
    def get_model(cls):
        model = cls.model
        if isinstance(model, property):
            model = model.fget(cls.__new__(cls))
        return apps.get_model(model) if isinstance(model, str) else model

    @classmethod
    def user_can_import(cls, user):
        """Whoever may add and change these records may import them (pages: anywhere).

        An import writes records live, so records under review (``DraftStateMixin``
        snippets) need the publish permission too: delegates must not skip the review.
        """
        model = cls.get_model()
        if issubclass(model, Page):
            return PagePermissionPolicy().user_has_any_permission(user, ["add", "change"])
        opts = model._meta
        actions = ["add", "change"]
        if issubclass(model, DraftStateMixin):
            actions.append("publish")
        return user.has_perms(
            [f"{opts.app_label}.{action}_{opts.model_name}" for action in actions]
        )

    # -- Reading

    def read(self, source, name=None):
        """Parse ``source`` (a path or the file's bytes) and plan the import.

        Raises ImportFileError listing every problem found, without writing anything.
        """
        name, content = self._load(source, name)
        reader = csv.DictReader(io.StringIO(content, newline=""))
        header = [column.strip() for column in (reader.fieldnames or [])]
        missing = [
            column.name
            for column in self.columns
            if column.name not in header and not column.optional
        ]
        if missing:
            raise ImportFileError(
                RowError(name, 1, column, _("this column is missing from the header row"))
                for column in missing
            )
        reader.fieldnames = header
        # Records that carry provenance take the day they were checked from the file when
        # it has that column; a file without it leaves the recorded date alone.
        checked_column = VERIFIED_COLUMN in header and self.records_provenance()
        errors, parsed = [], []
        for record in reader:
            line = reader.line_num
            if None in record:
                errors.append(
                    RowError(name, line, "", _("this row has more cells than the header"))
                )
                continue
            if not any((value or "").strip() for value in record.values()):
                continue
            values, row_errors = self._parse_row(record)
            if not row_errors:
                try:
                    values = self.resolve(values)
                except CellError as error:
                    row_errors.append((error.column, str(error)))
            if not row_errors and checked_column:
                try:
                    values["last_verified"] = verification_date(record.get(VERIFIED_COLUMN))
                except CellError as error:
                    row_errors.append((VERIFIED_COLUMN, str(error)))
            errors.extend(RowError(name, line, column, message) for column, message in row_errors)
            if not row_errors:
                parsed.append((line, values))
        rows = self._plan_rows(name, parsed, errors)
        if errors:
            raise ImportFileError(errors)
        return ImportPlan(self, name, rows)

    def _load(self, source, name):
        if isinstance(source, bytes):
            name = name or "upload.csv"
            return name, self._decode(source, name)
        path = Path(source)
        name = name or path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ImportFileError(
                [
                    RowError(
                        name,
                        0,
                        "",
                        _("the file cannot be read (%(reason)s)") % {"reason": error.strerror},
                    )
                ]
            ) from None
        return name, self._decode(data, name)

    @staticmethod
    def _decode(data, name):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ImportFileError(
                [RowError(name, line, "", _("the file is not UTF-8 text; save it as CSV UTF-8"))]
            ) from None

    def _parse_row(self, record):
        values, errors = {}, []
        for column in self.columns:
            raw = (record.get(column.name) or "").strip()
            if column.required and not raw:
                errors.append((column.name, _("a value is required")))
                continue
            try:
                values[column.name] = column.parse(raw)
            except CellError as error:
                errors.append((column.name, str(error)))
        return values, errors

    def _plan_rows(self, name, parsed, errors):
        existing = {self.key_of_instance(obj): obj for obj in self.existing()}
        seen, rows = {}, []
        for line, values in parsed:
            key = tuple(values[field] for field in self.key)
            if key in seen:
                errors.append(
                    RowError(
                        name,
                        line,
                        self.key_columns()[0],
                        _("duplicates line %(line)s") % {"line": seen[key]},
                    )
                )
                continue
            seen[key] = line
            instance = existing.get(key)
            changes = self.diff(instance, values) if instance is not None else []
            rows.append(PlannedRow(line, key, values, instance, changes))
        return rows

    @classmethod
    def records_provenance(cls):
        from .models import ProvenanceMixin

        return issubclass(cls.get_model(), ProvenanceMixin)

    # -- Hooks for subclasses

    def resolve(self, values):
        """Turn parsed cells into model field values (look up related records, split dates)."""
        return values

    def existing(self):
        return self.get_model().objects.filter(locale=self.locale)

    def key_of_instance(self, obj):
        return tuple(getattr(obj, field) for field in self.key)

    def key_columns(self):
        return list(self.key)

    def diff(self, instance, values):
        return [name for name, value in values.items() if getattr(instance, name) != value]

    def save(self, row):
        instance = row.instance or self.get_model()(locale=self.locale)
        for name, value in row.values.items():
            setattr(instance, name, value)
        instance.full_clean(validate_unique=False)
        instance.save()
        return instance


# --- The importers of the shared taxonomy


class RegionImporter(CSVImporter):
    label = "regions"
    key = ("slug",)
    model = "core.Region"
    columns = [Column("code", required=True), Column("name", required=True)]

    def resolve(self, values):
        code = values.pop("code")
        if slugify(code) != code:
            raise CellError(_("use lowercase letters, digits and hyphens only"), "code")
        return {"slug": code, "name": values["name"]}

    def key_columns(self):
        return ["code"]


class TopicImporter(RegionImporter):
    """Topics are the site's own editorial vocabulary: no source column."""

    label = "topics"
    model = "core.Topic"
    columns = [*RegionImporter.columns, Column("description")]

    def resolve(self, values):
        description = values.pop("description")
        return {**super().resolve(values), "description": description}


class CountryImporter(CSVImporter):
    label = "countries"
    model = "core.Country"
    key = ("iso3",)
    columns = [
        Column("iso3", required=True),
        Column("name", required=True),
        Column("wto_status", choice("member", "observer", "")),
        Column("wto_member_since", partial_date),
        Column("region"),
        Column("ldc", yes_no),
        Column("verification"),
        Column("source_url", url),
        Column("note"),
    ]

    def __init__(self, locale=None):
        super().__init__(locale)
        regions = apps.get_model("core.Region").objects.filter(locale=self.locale)
        self.regions = {region.name: region for region in regions}

    def resolve(self, values):
        if not re.fullmatch(r"[A-Z]{3}", values["iso3"]):
            raise CellError(_("expected three capital letters (ISO 3166-1 alpha-3)"), "iso3")
        region = None
        if values["region"]:
            region = self.regions.get(values["region"])
            if region is None:
                raise CellError(
                    _("unknown region %(name)r: import it in regions first")
                    % {"name": values["region"]},
                    "region",
                )
        member_since, member_since_year = values["wto_member_since"]
        return {
            "iso3": values["iso3"],
            "name": values["name"],
            "wto_status": values["wto_status"],
            "wto_member_since": member_since,
            "wto_member_since_year": member_since_year,
            "region": region,
            "is_ldc": values["ldc"],
            "verification": values["verification"][:255],
            "source_url": values["source_url"],
            "note": values["note"],
        }

    def existing(self):
        return super().existing().select_related("region")


IMPORTERS = {}


def register_importer(kind):
    """Make an importer available to ``import_csv KIND`` (and, later, the admin upload).

    Apps register theirs in ``<app>/importers.py``, which their AppConfig imports.
    """

    def register(importer_class):
        IMPORTERS[kind] = importer_class
        return importer_class

    return register


register_importer("regions")(RegionImporter)
register_importer("topics")(TopicImporter)
register_importer("countries")(CountryImporter)
