"""``CSVImporter``: read a whole file, plan it row by row against the database, then apply
the plan in one transaction; and the registry of importers by kind."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..models import ProvenanceMixin
from .cells import (
    VERIFIED_COLUMN,
    CellError,
    ImportFileError,
    RowError,
    text,
    verification_date,
)


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


IMPORTERS = {}


def register_importer(kind):
    """Make an importer available to ``import_csv KIND`` (and, later, the admin upload).

    Apps register theirs in ``<app>/importers``, which their AppConfig imports.
    """

    def register(importer_class):
        IMPORTERS[kind] = importer_class
        return importer_class

    return register
