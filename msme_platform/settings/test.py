"""The test suite: fast hashing, in-memory e-mail, no collectstatic needed."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")

from .base import *  # noqa: E402,F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "media-test"  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Tests always use a fresh database; WAL is pointless for an in-memory one.
    DATABASES["default"]["OPTIONS"].pop("init_command", None)  # noqa: F405
# Django's test client logs in without a request, which django-axes refuses; the
# lockout test puts the axes backend back with override_settings.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
# One process: its own memory is the only one there is (see core/caching/memo.py).
CONTENT_MEMO = True
# Tests send hundreds of API requests from one address; the rate limit test sets its own.
API_RATE_LIMIT = None
