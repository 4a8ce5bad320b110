from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import loader
from django.urls import reverse

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """A friendly 503 with Retry-After while the database cannot be reached.

    Without it a lost database connection is an ordinary 500. The page comes from a
    template that needs no database, and Django reconnects on the next request, so the
    site recovers by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
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
        ):
            from .auth import two_factor_required

            if two_factor_required(request.user):
                return redirect("msme_two_factor")
        return self.get_response(request)

    def _needs_check(self, request):
        exempt = {reverse(name) for name in self.exempt_names}
        return request.path_info not in exempt and "/jsi18n/" not in request.path_info
