from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Site-wide facts that are not prose (prose lives on translatable pages)."""

    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Shown in the footer and on error pages so visitors can reach the team."),
    )

    panels = [FieldPanel("contact_email")]

    class Meta:
        verbose_name = _("site settings")
