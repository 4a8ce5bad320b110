from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicymakerSectionConfig(AppConfig):
    name = "policymaker_section"
    verbose_name = _("Policymaker section")

    def ready(self):
        from . import importers, profiles  # noqa: F401  (registration on import)
