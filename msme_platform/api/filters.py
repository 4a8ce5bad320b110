"""The API's own filters, beside Wagtail's ``type``, ``locale`` and the rest.

``?country=KEN`` (an ISO 3166-1 alpha-3 code, EUN for the European Union) and
``?topic=<code>`` keep the pages about that country or topic. Each page type says how it
reaches a country and a topic (``api_country_lookup``, ``api_topic_lookup``); a type
that has none matches nothing. Without ``type``, every type that has one is searched.
"""

from django.db.models import Q
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page, get_page_models

MAX_CODE_LENGTH = 100


class TaxonomyFilter(BaseFilterBackend):
    parameter = None
    lookup_attribute = None

    def clean(self, value):
        return value.strip()

    def filter_queryset(self, request, queryset, view):
        if self.parameter not in request.GET:
            return queryset
        value = self.clean(request.GET[self.parameter])
        if not value or len(value) > MAX_CODE_LENGTH or "\x00" in value:
            raise BadRequestError(f"{self.parameter} must be a code, e.g. {self.example}")
        model = queryset.model
        models = [model] if model is not Page else get_page_models()
        condition = Q()
        for page_model in models:
            lookup = getattr(page_model, self.lookup_attribute, None)
            if lookup:
                matching = page_model.objects.filter(**{lookup: value}).values("pk")
                condition |= Q(pk__in=matching)
        if not condition:
            return queryset.none()
        return queryset.filter(condition)


class CountryFilter(TaxonomyFilter):
    parameter = "country"
    lookup_attribute = "api_country_lookup"
    example = "KEN"

    def clean(self, value):
        return value.strip().upper()


class TopicFilter(TaxonomyFilter):
    parameter = "topic"
    lookup_attribute = "api_topic_lookup"
    example = "e-commerce"
