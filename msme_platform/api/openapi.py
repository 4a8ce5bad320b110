"""The OpenAPI 3 description of the API and of every download (``core/open_data.py``).

Generated, not hand-written: export addresses follow the page tree (an editor may rename
a page), and the examples are real records, so every path it lists answers. Kept in the
memo for the content generation, per address it is asked at.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.http import JsonResponse
from django.utils import translation
from wagtail.models import Page, get_page_models

from msme_platform.core import open_data
from msme_platform.core.api_fields import CodeField, CodesField
from msme_platform.core.caching import memo

OPENAPI_VERSION = "3.0.3"
LISTING_PARAMETERS = [
    ("type", "Page type, e.g. policymaker_section.AgreementPage; several separated by commas"),
    ("locale", "Language code: en, fr or es"),
    ("country", "ISO 3166-1 alpha-3 code of a country (EUN: European Union)"),
    ("topic", "Code of a topic, e.g. e-commerce"),
    ("fields", "Fields to add (or, with a minus, remove); * for every field of the type"),
    ("order", "A field to order by; a minus first for descending"),
    ("search", "Words to search for"),
    ("child_of", "Id of a page: only its children"),
    ("descendant_of", "Id of a page: only pages below it"),
    ("translation_of", "Id of a page: only its translations"),
]


def _field_schema(model, api_field):
    serializer = api_field.serializer
    if isinstance(serializer, CodesField):
        return {"type": "array", "items": {"type": "string"}}
    if isinstance(serializer, CodeField):
        return {"type": "string", "nullable": True}
    if serializer is not None:
        return {"type": "string"}
    try:
        field = model._meta.get_field(api_field.name)
    except Exception:  # noqa: BLE001 - a property: no column type to tell
        return {}
    if field.is_relation:
        return {"type": "array", "items": {"type": "object"}}
    nullable = {"nullable": True} if field.null else {}
    if isinstance(field, models.BooleanField):
        return {"type": "boolean", **nullable}
    if isinstance(field, models.IntegerField):
        return {"type": "integer", **nullable}
    if isinstance(field, models.DateTimeField):
        return {"type": "string", "format": "date-time", **nullable}
    if isinstance(field, models.DateField):
        return {"type": "string", "format": "date", **nullable}
    if isinstance(field, models.TimeField):
        return {"type": "string", "format": "time", **nullable}
    if isinstance(field, models.URLField):
        return {"type": "string", "format": "uri"}
    return {"type": "string"}


def _record_schemas():
    schemas = {}
    for model in get_page_models():
        fields = getattr(model, "api_fields", None)
        if not fields:
            continue
        schemas[f"{model._meta.app_label}.{model.__name__}"] = {
            "allOf": [
                {"$ref": "#/components/schemas/Page"},
                {
                    "type": "object",
                    "description": f"Fields of {model._meta.app_label}.{model.__name__} "
                    "(ask for them with fields=* or by name)",
                    "properties": {f.name: _field_schema(model, f) for f in fields},
                },
            ]
        }
    return schemas


def _api_paths(example_id):
    parameters = [
        {"name": name, "in": "query", "required": False, "description": text}
        | {"schema": {"type": "string"}}
        for name, text in LISTING_PARAMETERS
    ]
    parameters += [
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": "How many pages (at most WAGTAILAPI_LIMIT_MAX)",
            "schema": {"type": "integer", "minimum": 0, "maximum": settings.WAGTAILAPI_LIMIT_MAX},
        },
        {
            "name": "offset",
            "in": "query",
            "required": False,
            "description": "How many pages to skip",
            "schema": {"type": "integer", "minimum": 0},
        },
    ]
    errors = {
        "400": {"description": "A parameter has a value it cannot take (see the message)"},
        "429": {
            "description": "Too many requests from this client; try again after Retry-After",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        },
    }
    return {
        "/api/v2/pages/": {
            "get": {
                "summary": "Public pages, paginated and filtered",
                "operationId": "listPages",
                "tags": ["API"],
                "parameters": parameters,
                "responses": {
                    "200": {
                        "description": "A page of results and the total",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/PageListing"}
                            }
                        },
                    },
                    **errors,
                },
            }
        },
        "/api/v2/pages/{id}/": {
            "get": {
                "summary": "One public page with all its fields",
                "operationId": "getPage",
                "tags": ["API"],
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                        "example": example_id,
                    },
                    parameters[4],  # fields
                ],
                "responses": {
                    "200": {
                        "description": "The page",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Page"}}
                        },
                    },
                    "404": {"description": "No public page has this id"},
                    **errors,
                },
            }
        },
        "/api/v2/openapi.json": {
            "get": {
                "summary": "This description",
                "operationId": "getOpenAPI",
                "tags": ["API"],
                "responses": {"200": {"description": "OpenAPI 3 description (JSON)"}},
            }
        },
    }


def _export_content(export, fmt):
    if fmt == "json" and export.columns:
        return {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "language": {"type": "string"},
                        "columns": {"type": "object"},
                        "count": {"type": "integer", "nullable": True},
                        "results": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    name: {"description": str(meaning)}
                                    for name, meaning in export.columns
                                },
                            },
                        },
                    },
                }
            }
        }
    media_type = open_data.MEDIA_TYPES.get(fmt, "application/octet-stream")
    return {media_type: {"schema": {"type": "object" if fmt == "json" else "string"}}}


def _export_paths(request):
    paths = {}
    for export in open_data.exports():
        for language, _name in settings.LANGUAGES:
            by_template = {}
            for fmt in export.formats:
                address = open_data.export_address(export, fmt, request, language)
                if address is None:
                    continue
                url, slug = address
                path = urlsplit(url).path
                parameters = []
                if export.per_record:
                    at = path.rfind(f"/{slug}/")
                    path = f"{path[:at]}/{{slug}}/{path[at + len(slug) + 2 :]}"
                    parameters.append(
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                            "example": slug,
                        }
                    )
                if export.format_in_url and len(export.formats) > 1:
                    at = path.rfind(f"/{fmt}/")
                    path = f"{path[:at]}/{{format}}/{path[at + len(fmt) + 2 :]}"
                    parameters.append(
                        {
                            "name": "format",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "enum": list(export.formats)},
                            "example": export.formats[0],
                        }
                    )
                entry = by_template.setdefault(path, {"parameters": parameters, "content": {}})
                entry["content"].update(_export_content(export, fmt))
            for path, entry in by_template.items():
                paths[path] = {
                    "get": {
                        "summary": f"{export.title} ({language})",
                        "description": str(export.description),
                        "operationId": f"{export.key}-{language}".replace("-", "_"),
                        "tags": ["Downloads"],
                        "parameters": entry["parameters"],
                        "responses": {
                            "200": {"description": str(export.title), "content": entry["content"]},
                            "404": {"description": "No such format or record"},
                        },
                    }
                }
    return paths


def _example_id():
    model = next((m for m in get_page_models() if getattr(m, "api_fields", None)), Page)
    page = model.objects.live().order_by("path").first() or Page.objects.live().first()
    return page.pk if page else 1


def document(request):
    with translation.override(settings.LANGUAGE_CODE):
        server = request.build_absolute_uri("/").rstrip("/")
        page_schema = {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "meta": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string"},
                        "detail_url": {"type": "string", "format": "uri"},
                        "html_url": {"type": "string", "format": "uri"},
                        "slug": {"type": "string"},
                        "first_published_at": {
                            "type": "string",
                            "format": "date-time",
                            "nullable": True,
                        },
                        "locale": {"type": "string"},
                    },
                },
                "permanent_url": {"type": "string", "format": "uri"},
            },
        }
        return {
            "openapi": OPENAPI_VERSION,
            "info": {
                "title": "MSME Platform API and downloads",
                "version": "2",
                "description": (
                    "Read-only: Wagtail's API v2 over the platform's public pages "
                    "(agreements with their provisions, Trade Policy Reviews, national "
                    "programmes, studies, events), and the CSV, JSON and iCalendar "
                    "downloads in English, French and Spanish. Rate-limited per client."
                ),
                "license": open_data.license_descriptor_openapi(),
            },
            "servers": [{"url": server}],
            "tags": [{"name": "API"}, {"name": "Downloads"}],
            "paths": {**_api_paths(_example_id()), **_export_paths(request)},
            "components": {
                "schemas": {
                    "Page": page_schema,
                    "PageListing": {
                        "type": "object",
                        "properties": {
                            "meta": {
                                "type": "object",
                                "properties": {"total_count": {"type": "integer"}},
                            },
                            "items": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/Page"},
                            },
                        },
                    },
                    **_record_schemas(),
                }
            },
        }


def openapi_view(request):
    key = ("openapi", request.scheme, request.get_host())
    response = JsonResponse(
        memo.remember(key, lambda: document(request)), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
