from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from msme_platform.core.home import register_section_page


class PolicymakerSectionConfig(AppConfig):
    name = "policymaker_section"
    verbose_name = _("Policymaker section")

    def ready(self):
        # Imported once the app registry is ready (models cannot load before), and for
        # what they register on import.
        from msme_platform.core import citations

        from . import feeds, importers, open_data, profiles, provision_pages  # noqa: F401
        from .models import PolicymakerSectionPage

        register_section_page(PolicymakerSectionPage)
        citations.register("provision", provision_pages.citation_lookup)
