"""Marking a translation reviewed, and telling visitors when it is not.

A page in a language other than the default one that is a real translation (not an alias)
carries a notice until a reviewer marks it reviewed. Publishing new words for the page
withdraws the mark: the review covered the words that were there.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.models import Locale, Page

from .caching import memo
from .models import TranslationReview


def reviewed_page_ids():
    """The ids of every reviewed page: one query per content generation."""
    return memo.remember(
        ("translation-reviews",),
        lambda: frozenset(TranslationReview.objects.values_list("page_id", flat=True)),
    )


def awaits_review(page):
    """True for a translated page (not an alias) that no reviewer has marked reviewed."""
    if not isinstance(page, Page) or page.alias_of_id or page.pk is None:
        return False
    if page.locale_id == _default_locale_id():
        return False
    return page.pk not in reviewed_page_ids()


def _default_locale_id():
    return memo.remember(("default-locale",), lambda: Locale.get_default().pk)


def unreviewed_translations():
    """Translated pages awaiting review, for the dashboard and the report."""
    return (
        Page.objects.filter(depth__gt=1, alias_of__isnull=True, translation_review__isnull=True)
        .exclude(locale_id=_default_locale_id())
        .live()
    )


def withdraw_review(sender, instance, revision=None, **kwargs):
    """``page_published``: new words on a translated page need a new review."""
    reviews = TranslationReview.objects.filter(page_id=instance.pk)
    if revision is not None:
        reviews = reviews.filter(reviewed_at__lt=revision.created_at)
    reviews.delete()


def can_review(user, page):
    return page.permissions_for_user(user).can_publish()


def header_buttons(page, user, view_name, next_url=None):
    """ "Translation review" in a translated page's header menu, for those who may publish."""
    if page.alias_of_id or page.locale_id == _default_locale_id() or not can_review(user, page):
        return
    reviewed = TranslationReview.objects.filter(page_id=page.pk).exists()
    yield Button(
        _("Translation reviewed: undo") if reviewed else _("Mark translation reviewed"),
        reverse("msme_translation_review", args=[page.pk]),
        icon_name="success" if not reviewed else "undo",
        priority=40,
    )


def listing_buttons(page, user, next_url=None):
    yield from header_buttons(page, user, "listing", next_url)


class TranslationReviewView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then record (or withdraw) a reviewer's mark on one translated page."""

    template_name = "wagtailadmin/translation_review.html"
    page_title = _("Translation review")
    header_icon = "site"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if self.page.alias_of_id or self.page.locale_id == _default_locale_id():
            raise PermissionDenied
        if not can_review(request.user, self.page):
            raise PermissionDenied
        self.review = TranslationReview.objects.filter(page=self.page).first()
        return super().dispatch(request, page_id)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]), "label": self.page},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        source = self.page.get_translations(inclusive=False).filter(locale_id=_default_locale_id())
        context.update(page=self.page, review=self.review, source=source.first())
        return context

    def post(self, request, page_id):
        if self.review is not None:
            self.review.delete()
            messages.success(request, _("The translation is marked as not reviewed again."))
        else:
            TranslationReview.objects.create(page=self.page, reviewed_by=request.user)
            messages.success(
                request, _("Translation marked reviewed: visitors no longer see the notice.")
            )
        return redirect("wagtailadmin_pages:edit", self.page.pk)
