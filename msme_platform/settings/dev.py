"""A laptop: the site as a visitor sees it, a throwaway secret, e-mail to the console.

DEBUG stays off unless ``DJANGO_DEBUG_PAGES=1``: a visitor of ``make run`` gets the site's
own 404 and 500 pages, and a developer who wants Django's yellow pages (tracebacks, the
URL list on a 404) asks for them. Tracebacks are logged to the console either way.
"""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")

from .base import *  # noqa: E402,F403

DEBUG = env_bool("DJANGO_DEBUG_PAGES")  # noqa: F405
# Commands and URLs meant for a laptop only (create_local_admin, serving uploads).
LOCAL_DEVELOPMENT = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Plain storage: no collectstatic needed. With DEBUG off runserver serves no static files,
# so whitenoise serves them straight from the source folders, picking up edits.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# One process: its own memory is the only one there is (see core/caching/memo.py).
CONTENT_MEMO = True
