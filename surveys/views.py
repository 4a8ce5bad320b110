"""Serving surveys, their results and forums.

A submission is accepted or refused as a whole: it is written in one transaction, or
the form comes back with everything the respondent typed and a message per field.

The page models call these views; the views reach the records' models through the page
(``get_submission_class``, ``get_post_class``), so they never import ``models``.
"""

from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from msme_platform.core import protection, roles

from .enums import ModerationStatus, SurveyFieldType
from .forms import ForumPostForm
from .results import CACHE_SECONDS as RESULTS_CACHE_SECONDS
from .results import cached_results


def _render(page, request, template, status=200, **extra):
    context = page.get_context(request)
    context.update(extra)
    return TemplateResponse(request, template, context, status=status)


def _spam_reason(form):
    if form.honeypot_filled:
        return "honeypot"
    if form.filled_too_fast:
        return "too fast"
    return ""


def serve_survey(page, request):
    if request.method == "POST":
        form = page.get_form(request.POST, page=page, user=request.user)
        if not page.is_open:
            # Accept nothing, but keep what was typed on screen.
            return _render(page, request, page.get_template(request), status=403, form=form)
        if form.is_valid():
            client = protection.client_hash(request)
            if protection.over_rate_limit(f"survey:{page.translation_key}", client):
                form.renew_token()
                return _render(
                    page,
                    request,
                    page.get_template(request),
                    status=429,
                    form=form,
                    rate_limited=True,
                )
            response = store_response(page, form, client)
            return page.render_landing_page(request, response)
        form.renew_token()
        return _render(page, request, page.get_template(request), form=form)
    form = page.get_form(page=page, user=request.user) if page.is_open else None
    return _render(page, request, page.get_template(request), form=form)


def store_response(page, form, client):
    """The response for this form's token: created once, found again on a double submit."""
    answers = {
        name: value
        for name, value in form.cleaned_data.items()
        if name not in ("form_token", "website", "consent")
    }
    reason = _spam_reason(form)
    fields = {f.clean_name: f.field_type for f in page.get_form_fields()}
    country = next(
        (answers[n] for n, t in fields.items() if t == SurveyFieldType.COUNTRY and n in answers),
        "",
    )
    size = next(
        (
            answers[n]
            for n, t in fields.items()
            if t == SurveyFieldType.ENTERPRISE_SIZE and n in answers
        ),
        "",
    )
    try:
        with transaction.atomic():
            return page.get_submission_class().objects.create(
                page=page,
                form_data=answers,
                status=ModerationStatus.SPAM if reason else ModerationStatus.NEW,
                spam_reason=reason,
                consent=bool(form.cleaned_data.get("consent")),
                consent_text=page.consent_text if form.cleaned_data.get("consent") else "",
                country_code=country or "",
                enterprise_size=size or "",
                client_hash=client,
                form_token=form.token_nonce,
            )
    except IntegrityError:
        existing = page.get_submission_class().objects.filter(form_token=form.token_nonce).first()
        if existing is None:
            raise
        return existing


def survey_results(page, request):
    if not page.results_public:
        return _render(page, request, page.results_template, status=404, results=None)
    response = _render(page, request, page.results_template, results=cached_results(page))
    # Shared caches may keep the page no longer than the counts themselves are kept.
    patch_cache_control(response, max_age=RESULTS_CACHE_SECONDS)
    return response


def _is_staff_author(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[roles.DELEGATES, roles.SECRETARIAT]).exists()


def serve_forum(page, request):
    threads = page.threads()
    context = {"threads": threads, "posted": request.GET.get("posted") == "1"}
    if page.is_closed:
        status = 403 if request.method == "POST" else 200
        return _render(page, request, page.get_template(request), status=status, **context)
    official = _is_staff_author(request.user)
    if request.method == "POST":
        form = ForumPostForm(request.POST, locale_id=page.locale_id, threads=threads)
        if form.is_valid():
            client = protection.client_hash(request)
            if not official and protection.over_rate_limit(f"forum:{page.translation_key}", client):
                form.renew_token()
                return _render(
                    page,
                    request,
                    page.get_template(request),
                    status=429,
                    form=form,
                    rate_limited=True,
                    official=official,
                    **context,
                )
            post = store_post(page, form, client, request.user if official else None)
            context["threads"] = page.threads()
            return _render(
                page,
                request,
                page.get_template(request),
                form=None,
                new_post=post,
                official=official,
                **context,
            )
        form.renew_token()
    else:
        reply_to = request.GET.get("reply_to", "")
        initial = {"parent": reply_to} if reply_to.isdigit() else {}
        if official:
            initial["name"] = request.user.get_full_name() or request.user.get_username()
        form = ForumPostForm(initial=initial, locale_id=page.locale_id, threads=threads)
    return _render(
        page, request, page.get_template(request), form=form, official=official, **context
    )


def store_post(page, form, client, staff_user=None):
    reason = "" if staff_user else _spam_reason(form)
    data = form.cleaned_data
    if staff_user:
        status = ModerationStatus.APPROVED
    else:
        status = ModerationStatus.SPAM if reason else ModerationStatus.NEW
    try:
        with transaction.atomic():
            return page.get_post_class().objects.create(
                page=page,
                parent_id=data.get("parent") or None,
                name=data["name"],
                country_code=data.get("country") or "",
                enterprise_size=data.get("enterprise_size") or "",
                text=data["text"],
                status=status,
                spam_reason=reason,
                is_official=bool(staff_user),
                author=staff_user,
                moderator=staff_user,
                moderated_at=timezone.now() if staff_user else None,
                client_hash="" if staff_user else client,
                form_token=form.token_nonce,
            )
    except IntegrityError:
        existing = page.get_post_class().objects.filter(form_token=form.token_nonce).first()
        if existing is None:
            raise
        return existing
