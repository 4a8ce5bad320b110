from django import forms
from django.utils.translation import gettext_lazy as _

from . import protection

HONEYPOT = "website"


class SearchForm(forms.Form):
    """Any text is a valid search: the page shortens what is too long rather than refusing it."""

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class ProtectedFormMixin(forms.Form):
    """The token and the honeypot. The view reads ``token_nonce``, ``token_issued``
    and ``honeypot_filled`` after validation to decide what to do."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # Named like a field bots love; hidden from people by CSS and from assistive
    # technology by aria-hidden on its wrapper, and skipped by the tab order.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = protection.make_token()

    def clean_form_token(self):
        token = protection.read_token(self.cleaned_data.get("form_token"))
        if token is None:
            raise forms.ValidationError(
                _(
                    "This form was open too long or was changed. Your answers are kept below: "
                    "please check them and send the form again."
                ),
                code="token",
            )
        self.token_nonce, self.token_issued = token
        return self.cleaned_data["form_token"]

    @property
    def honeypot_filled(self):
        return bool(self.cleaned_data.get(HONEYPOT))

    @property
    def filled_too_fast(self):
        return protection.filled_too_fast(self.token_issued)

    def renew_token(self):
        """A fresh token in the re-rendered form, so the next send is accepted."""
        data = self.data.copy()
        data["form_token"] = protection.make_token()
        self.data = data

    def visible_answer_fields(self):
        return [f for f in self if f.name not in ("form_token", HONEYPOT)]


class ErrorReportForm(ProtectedFormMixin):
    """What a visitor tells the Secretariat about a mistake on a record page."""

    message = forms.CharField(
        label=_("What is wrong?"),
        help_text=_(
            "Say which fact is wrong or out of date and, if you can, where the right "
            "one is published."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        help_text=_("Only if you would like an answer. Only the Secretariat sees it."),
        required=False,
        max_length=254,
    )
