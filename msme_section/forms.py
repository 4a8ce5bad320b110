"""Filter and finder forms. All are GET forms: bad values are reported, never a 500."""

from django import forms
from django.utils.translation import gettext_lazy as _

from msme_platform.core.models import Region, Topic

from .enums import NEED_LABELS, FirmSize, ProgrammeType, StudyType

ANY = [("", _("Any"))]


class CodeChoiceField(forms.ModelChoiceField):
    """A record chosen by its code; odd input (NUL bytes, very long text) is just invalid."""

    def to_python(self, value):
        if isinstance(value, str) and ("\x00" in value or len(value) > 120):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class CountryChoiceField(CodeChoiceField):
    """Countries by their ISO3 code, so addresses stay readable and shareable."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset=queryset, to_field_name="iso3", **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().upper()
        return super().to_python(value)


class FilterForm(forms.Form):
    """Applies what is valid; a field with a bad value is reported and ignored."""

    def clean_values(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, queryset):
        if not self.is_bound:
            return queryset
        return self.apply(queryset, self.clean_values())


class ProgrammeFilterForm(FilterForm):
    country = CountryChoiceField(None, required=False, label=_("Country"), empty_label=_("Any"))
    region = CodeChoiceField(
        None, required=False, label=_("Region"), to_field_name="slug", empty_label=_("Any")
    )
    type = forms.ChoiceField(
        choices=ANY + ProgrammeType.choices, required=False, label=_("Type of support")
    )
    size = forms.ChoiceField(choices=ANY + FirmSize.choices, required=False, label=_("Firm size"))

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries.order_by("name")
        self.fields["region"].queryset = Region.objects.filter(
            pk__in=countries.values("region")
        ).order_by("name")

    def apply(self, queryset, values):
        if "country" in values:
            queryset = queryset.filter(country__iso3=values["country"].iso3)
        if "region" in values:
            queryset = queryset.filter(country__region__slug=values["region"].slug)
        if "type" in values:
            queryset = queryset.filter(programme_type=values["type"])
        if "size" in values:
            queryset = queryset.filter(**{f"for_{values['size']}": True})
        return queryset


class ProgrammeFinderForm(forms.Form):
    country = CountryChoiceField(
        None,
        label=_("Where is your business based?"),
        empty_label=_("Choose a country"),
        error_messages={"required": _("Choose the country where your business is based.")},
    )
    size = forms.ChoiceField(
        choices=[("", _("Any size"))]
        + [
            (FirmSize.MICRO, _("Micro (usually fewer than 10 people)")),
            (FirmSize.SMALL, _("Small (usually 10 to 49 people)")),
            (FirmSize.MEDIUM, _("Medium-sized (usually 50 to 249 people)")),
        ],
        required=False,
        label=_("How big is it?"),
        help_text=_("Countries define sizes differently; these are common thresholds."),
    )
    need = forms.ChoiceField(
        choices=[("", _("Any kind of help"))]
        + [(key, label) for key, label in NEED_LABELS.items()],
        required=False,
        label=_("What do you need?"),
    )

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries.order_by("name")


class StudyFilterForm(FilterForm):
    organisation = forms.ChoiceField(required=False, label=_("Organisation"))
    type = forms.ChoiceField(choices=ANY + StudyType.choices, required=False, label=_("Type"))
    topic = CodeChoiceField(
        None, required=False, label=_("Topic"), to_field_name="slug", empty_label=_("Any")
    )
    year = forms.TypedChoiceField(coerce=int, required=False, label=_("Year"), empty_value=None)

    def __init__(self, *args, locale_id, studies, **kwargs):
        super().__init__(*args, **kwargs)
        facets = list(studies.order_by().values_list("organisation", "year").distinct())
        organisations = sorted({organisation for organisation, _year in facets})
        years = sorted({year for _organisation, year in facets if year}, reverse=True)
        self.fields["organisation"].choices = ANY + [(name, name) for name in organisations]
        self.fields["year"].choices = ANY + [(year, year) for year in years]
        self.fields["topic"].queryset = topics_for(locale_id)

    def apply(self, queryset, values):
        if "organisation" in values:
            queryset = queryset.filter(organisation=values["organisation"])
        if "type" in values:
            queryset = queryset.filter(study_type=values["type"])
        if "topic" in values:
            queryset = queryset.filter(topics__slug=values["topic"].slug)
        if "year" in values:
            queryset = queryset.filter(year=values["year"])
        return queryset


class BestPracticeFilterForm(FilterForm):
    country = CountryChoiceField(None, required=False, label=_("Country"), empty_label=_("Any"))
    region = CodeChoiceField(
        None, required=False, label=_("Region"), to_field_name="slug", empty_label=_("Any")
    )
    topic = CodeChoiceField(
        None, required=False, label=_("Policy area"), to_field_name="slug", empty_label=_("Any")
    )

    def __init__(self, *args, locale_id, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries.order_by("name")
        self.fields["region"].queryset = Region.objects.filter(
            pk__in=countries.values("region")
        ).order_by("name")
        self.fields["topic"].queryset = topics_for(locale_id)

    def apply(self, queryset, values):
        if "country" in values:
            queryset = queryset.filter(countries__iso3=values["country"].iso3)
        if "region" in values:
            slug = values["region"].slug
            queryset = queryset.filter(region__slug=slug) | queryset.filter(
                countries__region__slug=slug
            )
        if "topic" in values:
            queryset = queryset.filter(topics__slug=values["topic"].slug)
        return queryset.distinct()


def topics_for(locale_id):
    topics = Topic.objects.filter(locale_id=locale_id)
    if not topics.exists():
        topics = Topic.objects.filter(locale__language_code="en")
    return topics.order_by("name")
