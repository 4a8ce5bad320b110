from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .. import wagtail_internals
from ..caching import memo


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Site-wide facts that are not prose (prose lives on translatable pages)."""

    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Shown in the footer and on error pages so visitors can reach the team."),
    )

    panels = [FieldPanel("contact_email")]

    @classmethod
    def for_request(cls, request):
        """The site's settings, from the process memo (a fresh instance per request)."""
        # Imported here: routing imports Wagtail's serve view, which needs every model
        # loaded, and this module is loaded with the models.
        from ..caching.routing import site_for_request

        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = site_for_request(request)
            if site is None or not memo.enabled():
                return super().for_request(request)
            row = memo.remember(
                ("site-settings", cls._meta.label, site.pk),
                lambda: {
                    field.attname: getattr(instance, field.attname)
                    for instance in [cls.for_site(site)]
                    for field in cls._meta.concrete_fields
                },
            )
            instance = cls(**row)
            wagtail_internals.attach_request(instance, request)
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)

    class Meta:
        verbose_name = _("site settings")
