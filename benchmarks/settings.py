"""Production settings with the bare comparison view mounted; used only by ``benchmarks.run``."""

from msme_platform.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
