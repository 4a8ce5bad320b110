from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One CSV file imported from the admin: who, when, what and with what result.

    The audit log entry ("Imported a data file") points at this record.
    """

    kind = models.CharField(_("data set"), max_length=50)
    file_name = models.CharField(_("file"), max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.kind}: {self.file_name}"
