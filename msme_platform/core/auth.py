"""Signing in to the admin: a password, then a time-based code for the roles that need one.

Two-factor sign-in (TOTP, django-otp) is required for the Secretariat, who see personal
data, and for reviewers, who publish; delegates may turn it on. Repeated failures lock an
account for a while (django-axes, see settings).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.log_actions import log

from . import roles

TWO_FACTOR_ROLES = {roles.SECRETARIAT, roles.REVIEWERS}


def two_factor_required(user):
    return user.groups.filter(name__in=TWO_FACTOR_ROLES).exists()


def confirmed_device(user):
    return next(
        (d for d in devices_for_user(user, confirmed=True) if isinstance(d, TOTPDevice)), None
    )


def check_code(device, code):
    """Raise a ValidationError unless ``code`` is the device's current code."""
    allowed, _extra = device.verify_is_allowed()
    if not allowed:
        raise forms.ValidationError(
            _("Too many wrong codes. Wait a minute, then try again."), code="throttled"
        )
    if not device.verify_token((code or "").replace(" ", "")):
        raise forms.ValidationError(
            _("That code is not right. Enter the six digits your app shows now."),
            code="invalid_code",
        )


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Authentication code"))
        kwargs.setdefault("max_length", 12)
        super().__init__(
            widget=forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
            ),
            **kwargs,
        )


class LoginForm(WagtailLoginForm):
    otp_token = CodeField(
        required=False,
        help_text=_("The six digits from your authenticator app, if you use two-factor sign-in."),
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        device = confirmed_device(user) if user else None
        if device is not None:
            if not cleaned_data.get("otp_token"):
                raise forms.ValidationError(
                    _("Enter the six-digit code from your authenticator app."),
                    code="code_required",
                )
            check_code(device, cleaned_data["otp_token"])
            # django-otp marks the session as verified on login when this is set.
            user.otp_device = device
        return cleaned_data


class ConfirmDeviceForm(forms.Form):
    code = CodeField()

    def __init__(self, *args, device, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        check_code(self.device, self.cleaned_data["code"])
        return self.cleaned_data["code"]


def log_sign_in(sender, request, user, **kwargs):
    """Every sign-in goes to the audit log (failed ones are counted by django-axes)."""
    log(instance=user, action="msme.sign_in", user=user)
