"""Which records nobody has checked against their source for a year (or ever).

Every model with ``ProvenanceMixin`` takes part: record pages (their French and Spanish
aliases stand for the English page, so they are left out) and the snippets that hold facts.
One UNION query lists them all, so the report and the dashboard cost the same whatever the
number of records or record types.
"""

import datetime

from django.apps import apps
from django.db.models import CharField, F, IntegerField, Q, Value
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import Page

from .models import ProvenanceMixin

STALE_AFTER = datetime.timedelta(days=365)


def provenance_models():
    return sorted(
        (m for m in apps.get_models() if issubclass(m, ProvenanceMixin)),
        key=lambda m: m._meta.label_lower,
    )


def stale_cutoff(today=None):
    return (today or timezone.localdate()) - STALE_AFTER


def stale_records(kind=None, today=None):
    """``(kind, id, label, last_verified)`` rows, never checked first, then the oldest."""
    cutoff = stale_cutoff(today)
    parts = []
    for model in provenance_models():
        label = model._meta.label_lower
        if kind and kind != label:
            continue
        queryset = model._default_manager.filter(
            Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff)
        )
        if issubclass(model, Page):
            queryset = queryset.filter(alias_of__isnull=True)
            name = F("title")
        else:
            name = F("name")
        parts.append(
            queryset.order_by()
            .annotate(
                record_kind=Value(label, CharField()),
                record_id=Cast("pk", IntegerField()),
                record_label=Cast(name, CharField()),
            )
            .values_list("record_kind", "record_id", "record_label", "last_verified")
        )
    if not parts:
        return []
    queryset = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return queryset.order_by(F("last_verified").asc(nulls_first=True), "record_label")


def edit_url(kind, record_id):
    """Where an editor fixes the record: the page editor, or the snippet's edit view."""
    model = apps.get_model(kind)
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[record_id])
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        return ""
    try:
        return reverse(viewset.get_url_name("edit"), args=[record_id])
    except NoReverseMatch:
        return ""
