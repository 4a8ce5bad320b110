"""What visitors tell the Secretariat about mistakes on record pages.

A plain model, not a snippet: nothing here is ever shown to visitors, and the e-mail
address is personal data only the Secretariat may see (its ``ModelViewSet`` requires the
model's own permissions, which only the Secretariat group holds).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import ErrorReportStatus


class ErrorReportQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=ErrorReportStatus.NEW)


class ErrorReport(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The record page the visitor was reading."),
    )
    message = models.TextField(_("what is wrong"), max_length=2000)
    email = models.EmailField(
        _("visitor's e-mail"),
        blank=True,
        help_text=_("Personal data: use it only to answer this report."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ErrorReportStatus.choices,
        default=ErrorReportStatus.NEW,
        help_text=_("Mark it resolved once the record is corrected or the report answered."),
    )
    created = models.DateTimeField(_("received"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    note = models.TextField(
        _("Secretariat's note"),
        blank=True,
        help_text=_("What was done about it (not shown to the visitor)."),
    )

    # A report never changes what a visitor sees: no need to retire cached pages.
    page_cache_ignore = True

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "-created"])]

    def __str__(self):
        return f"{self.page.title}: {self.message[:60]}"
