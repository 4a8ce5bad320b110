"""Public forms: survey questions built from the form builder, and forum posts.

Both carry the same protection (``ProtectedFormMixin``): a one-time token, a honeypot
and a consent box where the survey asks for one. Every limit has a message a
respondent can act on, in the page's language.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from msme_platform.core.caching import memo
from msme_platform.core.collation import sorted_by_name
from msme_platform.core.forms import ProtectedFormMixin
from msme_platform.core.models import countries_for

from .enums import EnterpriseSize, Sector, SurveyFieldType

SHORT_TEXT_MAX = 255
LONG_TEXT_MAX = 5000
SCALE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


def country_choices(locale_id):
    """``[(iso3, name)]`` in the visitor's language, kept in the memo until content
    changes: every survey and forum page needs them."""
    return memo.remember(
        ("survey-countries", locale_id),
        lambda: sorted_by_name(
            countries_for(locale_id).values_list("iso3", "name"), lambda pair: pair[1]
        ),
    )


class SurveyForm(ProtectedFormMixin, BaseForm):
    pass


class SurveyFormBuilder(FormBuilder):
    """The form builder's field types plus scale, country, enterprise size and sector.

    Choices are validated by Django's ``ChoiceField``: a value forged in the POST is
    refused with a message, never stored.
    """

    def __init__(self, fields, locale_id=None, consent_text=""):
        super().__init__(fields)
        self.locale_id = locale_id
        self.consent_text = consent_text

    def create_singleline_field(self, field, options):
        options["max_length"] = SHORT_TEXT_MAX
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = LONG_TEXT_MAX
        options["widget"] = forms.Textarea(attrs={"rows": 5})
        return forms.CharField(**options)

    def create_scale_field(self, field, options):
        options["choices"] = SCALE_CHOICES
        options["widget"] = forms.RadioSelect(attrs={"class": "scale"})
        return forms.ChoiceField(**options)

    def create_country_field(self, field, options):
        options["choices"] = [("", _("Choose a country")), *country_choices(self.locale_id)]
        return forms.ChoiceField(**options)

    def create_enterprise_size_field(self, field, options):
        options["choices"] = EnterpriseSize.choices
        options["widget"] = forms.RadioSelect
        return forms.ChoiceField(**options)

    def create_sector_field(self, field, options):
        options["choices"] = [("", _("Choose a sector")), *Sector.choices]
        return forms.ChoiceField(**options)

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", _("Choose one")), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(**options)

    def get_form_class(self):
        attrs = dict(self.formfields)
        if self.consent_text:
            attrs["consent"] = forms.BooleanField(
                label=self.consent_text,
                required=True,
                error_messages={"required": _("Please tick this box to agree, or do not send.")},
            )
        return type("SurveyForm", (SurveyForm,), attrs)


def display_answer(field, value):
    """An answer as text for moderators and exports (codes turned into names)."""
    if value in (None, "", []):
        return ""
    if field.field_type == SurveyFieldType.COUNTRY:
        return dict(country_choices(None)).get(value, value)
    if field.field_type == SurveyFieldType.ENTERPRISE_SIZE:
        return str(dict(EnterpriseSize.choices).get(value, value))
    if field.field_type == SurveyFieldType.SECTOR:
        return str(dict(Sector.choices).get(value, value))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


class ForumPostForm(ProtectedFormMixin):
    name = forms.CharField(
        label=_("Name or pseudonym"),
        max_length=80,
        help_text=_("Shown with your post. You need not give your real name."),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    enterprise_size = forms.ChoiceField(
        label=_("Enterprise size"),
        required=False,
        choices=[("", _("Prefer not to say")), *EnterpriseSize.choices],
    )
    text = forms.CharField(
        label=_("Your question or comment"),
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    parent = forms.IntegerField(label=_("In reply to"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, locale_id=None, threads=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [
            ("", _("Prefer not to say")),
            *country_choices(locale_id),
        ]
        self.thread_ids = {post.pk for post in threads}

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent and parent not in self.thread_ids:
            raise forms.ValidationError(
                _("The post you are replying to is not published here."), code="parent"
            )
        return parent
