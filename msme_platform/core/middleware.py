from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import loader
from django.urls import reverse

from .auth import two_factor_required

RETRY_AFTER_SECONDS = 30


# Posted fields never echoed back: secrets, and the ones a public form keeps hidden.
NEVER_ECHOED = ("password", "otp_token", "token")
KEPT_HIDDEN = ("csrfmiddlewaretoken", "form_token", "website")


def kept_answers(request):
    """What a visitor sent in a public form, to show again when it could not be stored.

    Without the database the form's questions cannot be looked up (they live there), so
    each answer is shown under its field's name made readable, in a form that sends it
    again to the same address. The one-time token goes back as sent: a form sent twice
    is still stored once. Nothing from the admin, no file and no secret is echoed.
    """
    if request.method != "POST" or request.path_info.startswith("/admin/"):
        return None
    kept = []
    for name in request.POST:
        lowered = name.lower()
        if name in KEPT_HIDDEN:
            kept.append({"name": name, "values": request.POST.getlist(name), "hidden": True})
        elif not any(word in lowered for word in NEVER_ECHOED):
            values = request.POST.getlist(name)
            kept.append(
                {
                    "name": name,
                    "label": name.replace("_", " ").strip().capitalize() or name,
                    "values": values,
                    "multiple": len(values) > 1,
                    # A ticked box (consent, say) sends "on": show it as a ticked box again.
                    "ticked": values == ["on"],
                }
            )
    return kept or None


class DatabaseUnavailableMiddleware:
    """A friendly 503 with Retry-After while the database cannot be reached.

    Without it a lost database connection is an ordinary 500. The page comes from a
    template that needs no database, and Django reconnects on the next request, so the
    site recovers by itself once the database is back. A form sent meanwhile (a survey
    answer, a forum post) is refused, and what the visitor typed comes back on the page
    with a button to send it again (``kept_answers``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        context = {"kept": kept_answers(request), "action": request.path}
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class RequireTwoFactorMiddleware:
    """Send Secretariat staff and reviewers to set up or confirm two-factor sign-in
    before they can use the admin (needs django-otp's OTPMiddleware before it)."""

    exempt_names = ("wagtailadmin_login", "wagtailadmin_logout", "msme_two_factor")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info.startswith("/admin/")
            and request.user.is_authenticated
            and not request.user.is_verified()
            and self._needs_check(request)
            and two_factor_required(request.user)
        ):
            return redirect("msme_two_factor")
        return self.get_response(request)

    def _needs_check(self, request):
        exempt = {reverse(name) for name in self.exempt_names}
        return request.path_info not in exempt and "/jsi18n/" not in request.path_info
