"""Filter and finder forms. All are GET forms over cached choice lists: a bad value is
reported and ignored, never a 500, and checking a value costs no query."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from msme_platform.core.widgets import FastWidgetsMixin, kept_choices

from . import choices
from .enums import NEED_LABELS, FirmSize, ProgrammeType, StudyType

ANY = [("", _("Any"))]


class FilterForm(FastWidgetsMixin, forms.Form):
    """Applies what is valid; a field with a bad value is reported and ignored."""

    def clean_values(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, queryset):
        if not self.is_bound:
            return queryset
        return self.apply(queryset, self.clean_values())


class CountryField(forms.ChoiceField):
    """An ISO3 code; lower case in an address is accepted."""

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class ProgrammeFilterForm(FilterForm):
    country = CountryField(required=False, label=_("Country"))
    region = forms.ChoiceField(required=False, label=_("Region"))
    type = forms.ChoiceField(
        choices=ANY + ProgrammeType.choices, required=False, label=_("Type of support")
    )
    size = forms.ChoiceField(choices=ANY + FirmSize.choices, required=False, label=_("Firm size"))

    def __init__(self, *args, locale_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = ANY + choices.programme_country_choices(locale_id)
        self.fields["region"].choices = ANY + choices.region_choices(locale_id)

    def apply(self, queryset, values):
        if "country" in values:
            queryset = queryset.filter(country__iso3=values["country"])
        if "region" in values:
            queryset = queryset.filter(country__region__slug=values["region"])
        if "type" in values:
            queryset = queryset.filter(programme_type=values["type"])
        if "size" in values:
            queryset = queryset.filter(**{f"for_{values['size']}": True})
        return queryset


class ProgrammeFinderForm(FastWidgetsMixin, forms.Form):
    country = CountryField(
        label=_("Where is your business based?"),
        error_messages={"required": _("Choose the country where your business is based.")},
    )
    size = forms.ChoiceField(
        choices=[
            ("", _("Any size")),
            (FirmSize.MICRO, _("Micro (usually fewer than 10 people)")),
            (FirmSize.SMALL, _("Small (usually 10 to 49 people)")),
            (FirmSize.MEDIUM, _("Medium-sized (usually 50 to 249 people)")),
        ],
        required=False,
        label=_("How big is it?"),
        help_text=_("Countries define sizes differently; these are common thresholds."),
    )
    need = forms.ChoiceField(
        choices=[("", _("Any kind of help")), *NEED_LABELS.items()],
        required=False,
        label=_("What do you need?"),
    )

    def __init__(self, *args, locale_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale_id = locale_id
        self.fields["country"].choices = [
            ("", _("Choose a country")),
            *choices.programme_country_choices(locale_id),
        ]

    def country_name(self):
        code = self.cleaned_data.get("country")
        return dict(choices.country_choices(self.locale_id)).get(code, "")


class StudyFilterForm(FilterForm):
    organisation = forms.ChoiceField(required=False, label=_("Organisation"))
    type = forms.ChoiceField(choices=ANY + StudyType.choices, required=False, label=_("Type"))
    topic = forms.ChoiceField(required=False, label=_("Topic"))
    year = forms.TypedChoiceField(coerce=int, required=False, label=_("Year"), empty_value=None)

    def __init__(self, *args, locale_id, **kwargs):
        super().__init__(*args, **kwargs)
        organisations, years = choices.study_facets(locale_id)
        self.fields["organisation"].choices = ANY + [(name, name) for name in organisations]
        self.fields["year"].choices = ANY + [(year, year) for year in years]
        self.fields["topic"].choices = ANY + choices.topic_choices(locale_id)

    def apply(self, queryset, values):
        if "organisation" in values:
            queryset = queryset.filter(organisation=values["organisation"])
        if "type" in values:
            queryset = queryset.filter(study_type=values["type"])
        if "topic" in values:
            queryset = queryset.filter(topics__slug=values["topic"])
        if "year" in values:
            queryset = queryset.filter(year=values["year"])
        return queryset


class BestPracticeFilterForm(FilterForm):
    country = CountryField(required=False, label=_("Country"))
    region = forms.ChoiceField(required=False, label=_("Region"))
    topic = forms.ChoiceField(required=False, label=_("Policy area"))

    def __init__(self, *args, locale_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = ANY + choices.programme_country_choices(locale_id)
        self.fields["region"].choices = ANY + choices.region_choices(locale_id)
        self.fields["topic"].choices = ANY + choices.topic_choices(locale_id)

    def apply(self, queryset, values):
        if "country" in values:
            queryset = queryset.filter(countries__iso3=values["country"])
        if "region" in values:
            queryset = queryset.filter(region__slug=values["region"]) | queryset.filter(
                countries__region__slug=values["region"]
            )
        if "topic" in values:
            queryset = queryset.filter(topics__slug=values["topic"])
        return queryset.distinct()


class TradePartnerForm(FastWidgetsMixin, forms.Form):
    """Two economies: the exporter's own and the market. Both required, and different."""

    exporter = CountryField(
        label=_("Your economy"),
        help_text=_("Where your business is based."),
        error_messages={
            "required": _("Choose the economy where your business is based."),
            "invalid_choice": _("Choose your economy from the list."),
        },
    )
    market = CountryField(
        label=_("Your market"),
        help_text=_("Where you sell, or want to sell."),
        error_messages={
            "required": _("Choose the market you sell to or want to sell to."),
            "invalid_choice": _("Choose the market from the list."),
        },
    )

    def __init__(self, *args, locale_id, **kwargs):
        super().__init__(*args, **kwargs)
        economies = kept_choices(
            ("economies", locale_id, get_language()),
            lambda: [("", _("Choose an economy")), *choices.country_choices(locale_id)],
        )
        self.fields["exporter"].choices = economies
        self.fields["market"].choices = economies

    def clean(self):
        data = super().clean()
        if data.get("exporter") and data.get("exporter") == data.get("market"):
            self.add_error(
                "market", _("Choose a market other than your own economy to compare the two.")
            )
        return data

    def pair(self):
        """``((iso3, name), (iso3, name))`` of a valid form."""
        names = dict(self.fields["exporter"].choices)
        return tuple(
            (self.cleaned_data[name], names[self.cleaned_data[name]])
            for name in ("exporter", "market")
        )
