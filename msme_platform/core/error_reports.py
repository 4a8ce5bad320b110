"""Visitors report a mistake on a record page; the report joins the Secretariat's queue.

The form lives on its own page (``/<lang>/report-an-error/<page id>/``), linked from every
record page. Record pages then carry no form, no CSRF token and nothing per visitor, so the
whole-page cache and a CDN keep serving them; the form page itself sets the CSRF cookie
and is never cached. Django's CSRF protection stays on: exempting the view would let any
site post reports in a visitor's name, and the honeypot and rate limit are there against
robots, not against forged requests.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from wagtail.models import Page

from . import protection
from .forms import ErrorReportForm
from .models import ErrorReport, ProvenanceMixin

TEMPLATE = "pages/core/report_error.html"


def reportable_page(page_id):
    """A live, public record page, or 404: private pages' titles are not shown here."""
    page = get_object_or_404(Page.objects.live(), pk=page_id)
    if not issubclass(page.specific_class or Page, ProvenanceMixin):
        raise Http404
    if page.get_view_restrictions().exists():
        raise Http404
    return page


def report_error(request, page_id):
    page = reportable_page(page_id)
    context = {"record": page, "sent": request.GET.get("sent") == "1"}
    status = 200
    if request.method == "POST":
        form = ErrorReportForm(request.POST)
        if form.is_valid():
            client = protection.client_hash(request)
            if protection.over_rate_limit("error-report", client):
                form.renew_token()
                context["rate_limited"] = True
                status = 429
            else:
                # Robots (honeypot filled, or faster than a person types) are thanked
                # like anyone else, and nothing is stored.
                if not (form.honeypot_filled or form.filled_too_fast):
                    ErrorReport.objects.create(
                        page=page,
                        message=form.cleaned_data["message"],
                        email=form.cleaned_data["email"],
                    )
                return redirect(f"{request.path}?sent=1")
        else:
            form.renew_token()
    else:
        form = ErrorReportForm()
    context["form"] = form
    response = TemplateResponse(request, TEMPLATE, context, status=status)
    add_never_cache_headers(response)
    return response
