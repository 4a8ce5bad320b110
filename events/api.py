"""What an event offers the public API (Wagtail's API v2; see ``core/api_fields.py``).

A mixin of class attributes, so ``models.py`` does not grow by it.
"""

from wagtail.api import APIField

from msme_platform.core.api_fields import (
    PROVENANCE_API_FIELDS,
    CodeField,
    CodesField,
    permanent_url_field,
)


class EventAPIMixin:
    api_fields = [
        APIField("event_type"),
        APIField("status"),
        APIField("start_date"),
        APIField("start_time"),
        APIField("end_date"),
        APIField("end_time"),
        APIField("month_only"),
        APIField("time_zone"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("venue"),
        APIField("is_online"),
        APIField("country", serializer=CodeField("iso3")),
        APIField("organiser"),
        APIField("website_url"),
        APIField("registration_url"),
        APIField("topics", serializer=CodesField("slug")),
        permanent_url_field(),
        *PROVENANCE_API_FIELDS,
    ]
    api_country_lookup = "country__iso3"
    api_topic_lookup = "topics__slug"
    api_prefetch = ("country", "topics")
