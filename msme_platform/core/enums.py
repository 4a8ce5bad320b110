from django.db import models
from django.utils.translation import gettext_lazy as _


class WTOStatus(models.TextChoices):
    MEMBER = "member", _("WTO member")
    OBSERVER = "observer", _("WTO observer")
    NONE = "", _("Neither member nor observer")


class NoticeKind(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Warning")
    SUCCESS = "success", _("Good news")


class ErrorReportStatus(models.TextChoices):
    NEW = "new", _("New")
    RESOLVED = "resolved", _("Resolved")
