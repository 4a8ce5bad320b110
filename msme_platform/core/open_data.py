"""Every download the site offers other software, and the descriptions built from them.

Apps register their exports here (``register_export`` in ``AppConfig.ready()``), so the
OpenAPI description (``msme_platform/api/openapi.py``) and the Frictionless data package
(``datapackage()``, served from the open-data page) list each one without core knowing
the apps. An export is a route of a routable index page: ``route`` with the format as
its argument (``export/<fmt>/``), or without one when it has a single format.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .caching import memo

_EXPORTS = {}

MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "ical": "text/calendar",
}
# Table Schema types by the type names exports declare (anything else is a string).
BOOLEAN_VALUES = {"trueValues": ["yes"], "falseValues": ["no"]}


@dataclass(frozen=True)
class Export:
    key: str
    title: Any
    description: Any
    index_model: type
    route: str
    formats: tuple = ("csv", "json")
    # ``(name, meaning)`` pairs, as the files' header rows and the open-data page list them.
    columns: tuple = ()
    # Table Schema types of the columns that are not strings: integer, boolean, uri, date.
    types: dict = field(default_factory=dict)
    format_in_url: bool = True
    # True when ``index_model`` is the record itself (an agreement's ``json/``): the
    # address then stands for every record of that type, its slug a parameter.
    per_record: bool = False
    order: int = 50


def register_export(export):
    _EXPORTS[export.key] = export
    return export


def exports():
    return sorted(_EXPORTS.values(), key=lambda export: (export.order, export.key))


def _first_page(model, language):
    pages = model.objects.live().order_by("path")
    return pages.filter(locale__language_code=language).first() or pages.first()


def _address(export, fmt, request, language):
    page = _first_page(export.index_model, language)
    if page is None:
        return None
    args = (fmt,) if export.format_in_url else ()
    return page.get_full_url(request) + page.reverse_subpage(export.route, args=args), page.slug


def export_address(export, fmt, request, language=None):
    """``(absolute URL, slug of the page serving it)`` of the export in ``fmt``, or
    ``None`` when no such page is live."""
    language = language or get_language()
    key = ("open-data-url", export.key, fmt, language, request.scheme, request.get_host())
    return memo.remember(key, lambda: _address(export, fmt, request, language))


def export_url(export, fmt, request, language=None):
    address = export_address(export, fmt, request, language)
    return address[0] if address else None


def _schema_field(name, meaning, kind):
    described = {"name": name, "description": str(meaning)}
    if kind == "boolean":
        return {**described, "type": "boolean", **BOOLEAN_VALUES}
    if kind == "uri":
        return {**described, "type": "string", "format": "uri"}
    if kind in ("integer", "date", "year", "number"):
        return {**described, "type": kind}
    return {**described, "type": "string"}


def _resource_name(export, fmt):
    return re.sub(r"[^a-z0-9._-]", "-", f"{export.key}-{fmt}".lower())


def license_descriptor():
    return dict(getattr(settings, "OPEN_DATA_LICENSE", {}))


def datapackage(request):
    """A Frictionless data package (https://datapackage.org) of every tabular export,
    in the visitor's language, with absolute paths."""
    resources = []
    for export in exports():
        if not export.columns or export.per_record:
            continue
        schema = {
            "fields": [
                _schema_field(name, meaning, export.types.get(name))
                for name, meaning in export.columns
            ]
        }
        for fmt in export.formats:
            url = export_url(export, fmt, request)
            if url is None:
                continue
            resource = {
                "name": _resource_name(export, fmt),
                "title": str(export.title),
                "description": str(export.description),
                "path": url,
                "format": fmt,
                "mediatype": MEDIA_TYPES.get(fmt, "application/octet-stream"),
                "encoding": "utf-8",
            }
            if fmt == "csv":
                # A byte-order mark first, so spreadsheets read accents right.
                resource.update(encoding="utf-8-sig", type="table", schema=schema)
            else:
                resource["type"] = "json"
            resources.append(resource)
    return {
        "name": "msme-platform-open-data",
        "title": _("MSME Platform open data"),
        "licenses": [license_descriptor()],
        "resources": resources,
    }


def license_descriptor_openapi():
    """The same licence as OpenAPI's ``info.license`` wants it (``name``, ``url``)."""
    licence = license_descriptor()
    found = {"name": licence.get("title") or licence.get("name", "")}
    if licence.get("path"):
        found["url"] = licence["path"]
    return found
