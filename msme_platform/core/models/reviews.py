"""A reviewer's word that a page's translation is faithful to its source.

Translations written by the team (the starter catalogues) or by a translator in
wagtail-localize are shown to visitors at once, with a notice in their language that the
Group has not reviewed them yet. A Group reviewer or the Secretariat removes the notice by
marking the translation reviewed in the admin ("Translation review" in the page's menu).
A separate record, not a page field: wagtail-localize copies a page's fields from its
source whenever the translation is synced, which would undo a reviewer's mark.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationReview(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="translation_review",
        help_text=_("The translated page that was reviewed."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("translation review")
        verbose_name_plural = _("translation reviews")

    def __str__(self):
        return f"{self.page_id} reviewed {self.reviewed_at:%Y-%m-%d}"
