from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MSMESectionConfig(AppConfig):
    name = "msme_section"
    verbose_name = _("MSME section")

    def ready(self):
        from . import importers, profiles  # noqa: F401  (registration on import)
