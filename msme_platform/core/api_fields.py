"""What record models need to describe themselves to the public API (Wagtail's API v2).

Each record page type lists its typed fields in ``api_fields`` (``wagtail.api.APIField``)
and says how the API's ``country`` and ``topic`` filters reach it:

- ``api_country_lookup``: the ORM lookup from the page to a country's ISO3 code
  (``"parties__iso3"``), or ``None``;
- ``api_topic_lookup``: the same for a topic's code (``"topics__slug"``), or ``None``;
- ``api_prefetch``: relations its ``api_fields`` read, prefetched so a listing costs the
  same number of queries for 10 pages as for 100.

The API (``msme_platform/api/``) finds them through Wagtail's page model registry, so
core never imports a section app.
"""

from rest_framework import serializers
from wagtail.api import APIField


class CodesField(serializers.Field):
    """A many-to-many relation as the sorted codes of its rows (``["CAN", "MEX"]``)."""

    def __init__(self, code, **kwargs):
        self.code = code
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, manager):
        return sorted(getattr(row, self.code) for row in manager.all())


class CodeField(serializers.Field):
    """A foreign key as its row's code (``"KEN"``), or ``None``."""

    def __init__(self, code, **kwargs):
        self.code = code
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return getattr(value, self.code)


class PermanentURLField(serializers.Field):
    """The page's full address, the one to cite."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True, source="*")
        super().__init__(**kwargs)

    def to_representation(self, page):
        return page.get_full_url(self.context.get("request"))


def permanent_url_field():
    return APIField("permanent_url", serializer=PermanentURLField())


class ProvisionURLField(serializers.Field):
    """A provision's short, stable address (``…/provisions/<id>/`` under its agreements'
    index), which leads to it however its agreement's page changes."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True, source="*")
        super().__init__(**kwargs)

    def to_representation(self, provision):
        return provision.permanent_url(self.context.get("request"))


PROVENANCE_API_FIELDS = [APIField("source_url"), APIField("last_verified")]
