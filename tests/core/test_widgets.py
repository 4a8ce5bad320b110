"""The template-free select writes the HTML Django's own Select writes."""

import pytest
from django import forms
from django.test.html import parse_html

from msme_platform.core import widgets
from msme_section.forms import ProgrammeFilterForm

CHOICES = [
    ("", "Any"),
    ("KEN", "Kenya"),
    ("A&B", 'Bosnia <and> "Herzegovina"'),
    ("Africa", [("NGA", "Nigeria"), ("ZAF", "South Africa")]),
    (None, "Nothing"),
    (2024, 2024),
]


@pytest.mark.parametrize(
    "value, attrs",
    [
        (None, {}),
        ("KEN", {"id": "id_country", "required": True}),
        ("A&B", {"aria-describedby": "id_country_helptext", "aria-invalid": "true"}),
        ("ZAF", {"disabled": False}),
        ("2024", {}),
        ("no-such-code", {}),
    ],
)
def test_select_matches_djangos(value, attrs):
    django_html = forms.Select(choices=CHOICES).render("country", value, attrs)
    fast_html = widgets.Select(choices=CHOICES).render("country", value, attrs)
    assert parse_html(fast_html) == parse_html(django_html)


def test_select_multiple_matches_djangos():
    value = ["KEN", "NGA"]
    django_html = forms.SelectMultiple(choices=CHOICES).render("c", value, {"id": "x"})
    fast_html = widgets.SelectMultiple(choices=CHOICES).render("c", value, {"id": "x"})
    assert parse_html(fast_html) == parse_html(django_html)
    assert fast_html.count(" selected") == 2


@pytest.mark.django_db
def test_a_filter_form_renders_its_choice_the_visitor_made_with_errors_described():
    from wagtail.models import Locale

    form = ProgrammeFilterForm(
        {"country": "KEN", "size": "huge"}, locale_id=Locale.get_default().pk
    )
    form.is_valid()
    html = str(form["country"]) + str(form["size"])
    assert '<option value="KEN" selected>' in html
    assert 'aria-invalid="true"' in html  # "huge" is not a size: the field says so
    assert type(form.fields["country"].widget) is widgets.Select
