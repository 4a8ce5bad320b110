"""The events list's filter form (type, topic, year)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from msme_platform.core.widgets import FastWidgetsMixin

from .enums import EventType

# The years the lists and the calendar accept.
MIN_YEAR, MAX_YEAR = 1990, 2100


class EventFilterForm(FastWidgetsMixin, forms.Form):
    """Filters for the lists and feeds; a bad value is reported, never a server error."""

    type = forms.ChoiceField(label=_("Type"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )

    def __init__(self, data, topics, **kwargs):
        """``topics``: ``(slug, name)`` pairs (``EventIndexPage.topic_choices()``)."""
        super().__init__(data, **kwargs)
        self.fields["type"].choices = [("", _("All types")), *EventType.choices]
        self.fields["topic"].choices = [("", _("All topics")), *topics]

    def apply(self, events):
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data.get("type"):
            events = events.filter(event_type=data["type"])
        if data.get("topic"):
            events = events.filter(topics__slug=data["topic"])
        if data.get("year"):
            events = events.filter(starts_at__year=data["year"])
        return events
