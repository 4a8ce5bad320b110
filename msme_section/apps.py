from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from msme_platform.core.home import register_section_page


class MSMESectionConfig(AppConfig):
    name = "msme_section"
    verbose_name = _("MSME section")

    def ready(self):
        # Imported once the app registry is ready (models cannot load before), and for
        # what they register on import.
        from . import feeds, importers, profiles  # noqa: F401
        from .models import MSMESectionPage

        register_section_page(MSMESectionPage)
