from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from msme_platform.core.home import register_next_events


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # Imported once the app registry is ready (models cannot load before), and for
        # what they register on import (the importer, the profile section).
        from . import feeds, importers, open_data, profiles  # noqa: F401
        from .models import next_events_html

        register_next_events(next_events_html)
