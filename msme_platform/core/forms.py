from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """Any text is a valid search: the page shortens what is too long rather than refusing it."""

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
