"""Production settings with the bare comparison view mounted; used only by ``benchmarks.run``."""

from msme_platform.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

# The bare view is the yardstick: it must not go through the page cache.
PAGE_CACHE_SKIP_PREFIXES = (*PAGE_CACHE_SKIP_PREFIXES, "/__bench__/")  # noqa: F405
