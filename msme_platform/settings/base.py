"""Settings shared by every environment, safe for production as they stand.

DEBUG is off and there is no secret here: a deployment supplies ``SECRET_KEY`` and
``ALLOWED_HOSTS`` through the environment, and the process refuses to start without a
secret. ``dev.py`` and ``test.py`` add the conveniences of a laptop; ``production.py``
adds the transport security a public site needs.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
# True only in settings/dev.py: commands and URLs meant for a laptop (create_local_admin,
# uploads served by Django).
LOCAL_DEVELOPMENT = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set the SECRET_KEY environment variable (a long random string) before starting the site."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "msme_platform.core",
    "msme_section",
    "policymaker_section",
    "events",
    "surveys",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Translators' side-by-side editor for pages and snippets, with synced source changes
    # flagged; its locales app replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
    # The read-only public API (msme_platform/api/): Wagtail's API v2 on Django REST framework.
    "wagtail.api.v2",
    "rest_framework",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above whitenoise and the page cache, so static files and cached pages get them too.
    "msme_platform.core.headers.ResponseHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The content generation, read once per request by the page cache and the memo.
    "msme_platform.core.caching.generation.ContentGenerationMiddleware",
    # Early, so a cached page skips everything below it.
    "msme_platform.core.caching.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "msme_platform.core.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "msme_platform.core.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "msme_platform.urls"
WSGI_APPLICATION = "msme_platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: a SQLite file next to manage.py unless DATABASE_URL says otherwise.
# Persistent connections with health checks: opening a PostgreSQL connection per
# request costs more than the page itself (see STACK-NOTES).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web server and a management command may write at the same time.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    # Kept open too (CONN_MAX_AGE above): a new SQLite connection reads and parses the
    # whole schema before its first query, about 2 ms, a third of a detail page's time.

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every app server), otherwise local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, serving without the cache while Redis is away.
            "BACKEND": "msme_platform.core.caching.redis.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "msme"),
            "TIMEOUT": 300,
            # A Redis that hangs must not hang every request with it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "msme-platform",
        }
    }

# Accounts: lockout after repeated failures (per username and address, so nobody can lock
# another person out from elsewhere), two-factor codes (see core/auth.py), short sessions.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
OTP_TOTP_ISSUER = "MSME Platform"
WAGTAILADMIN_USER_LOGIN_FORM = "msme_platform.core.auth.LoginForm"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Whole-page cache for anonymous visitors (core/caching/page_cache.py): on with a shared cache only.
# Each process keeps menus, settings, routes and the like in memory until content changes
# (core/caching/memo.py). Only where every process reads the same generation: Redis, or one
# process (development and tests set it on).
CONTENT_MEMO = env_bool("CONTENT_MEMO", default=bool(REDIS_URL))
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=bool(REDIS_URL))
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# Paths the page cache does not even look up (never cacheable, or measured without it).
# The API keeps its answers in the memo itself, behind its rate limit (msme_platform/api/).
PAGE_CACHE_SKIP_PREFIXES = ("/admin/", "/healthz", "/documents/", "/api/")

# A CDN or proxy in front of the app servers, purged when pages change. Configure one of:
# FRONTEND_CACHE_HTTP_LOCATION (Varnish/nginx accepting PURGE), or Cloudflare's
# FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN with FRONTEND_CACHE_CLOUDFLARE_ZONEID.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_HTTP_LOCATION"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_HTTP_LOCATION"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"],
        "ZONEID": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID", ""),
    }
# How long the CDN may keep a page (purges make changes show sooner).
FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", "300"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the WTO's three. URLs carry the language (/en/, /fr/, /es/).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Zurich"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies other than file uploads (forms, the admin's page editor) stay small; files
# over 2.5 MB go to a temporary file instead of memory. Wagtail checks each upload's size.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Cookie flags, response headers and the Content Security Policy.
from .security import *  # noqa: E402,F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_traceback": {"()": "msme_platform.core.log_filters.WithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # A disallowed Host header is answered with a 400 and logged in one line, once (not
    # again by Django's own "django" console handler under DEBUG).
    "loggers": {
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "filters": ["without_traceback"],
            "propagate": False,
        }
    },
}

# E-mail (workflow notifications): SMTP when EMAIL_HOST is set, otherwise printed to the
# console log so that nothing is silently lost on a machine without a mail server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "msme-platform@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = _("MSME Platform")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": os.environ.get("SEARCH_BACKEND", "msme_platform.core.search_backend"),
        # PostgreSQL text search configurations: objects and queries in each language are
        # stemmed as that language (msme_platform/core/search_backend.py); SQLite ignores them.
        "SEARCH_CONFIG": "english",
        "LANGUAGE_CONFIGS": {"en": "english", "fr": "french", "es": "spanish"},
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The admin calls no third party: no Gravatar (it would send a hash of each editor's e-mail
# address) and no release check. Both would also break the admin's Content Security Policy.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Rich text features offered to editors: a short list keeps pages consistent.
RICH_TEXT_BASIC = ["bold", "italic", "link", "document-link"]
RICH_TEXT_FULL = [*RICH_TEXT_BASIC, "h2", "h3", "ol", "ul", "blockquote"]

# Public forms: surveys, forums, error reports (msme_platform/core/protection.py).
# The public API (msme_platform/api/): JSON only, nothing to sign in to, at most 100 pages
# per request, API_RATE_LIMIT requests per client ("<requests>/<seconds>" or "off").
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
}
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = True
_api_rate_limit = os.environ.get("API_RATE_LIMIT", "300/60").strip().lower()
API_RATE_LIMIT = (
    None
    if _api_rate_limit in ("", "off", "none", "0")
    else tuple(int(part) for part in _api_rate_limit.split("/", 1))
)
# The licence the open data is published under, as a Frictionless licence (name, path,
# title); the Secretariat confirms it.
OPEN_DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}

# SURVEYS_RATE_LIMIT: "<submissions>/<seconds>" per client and form, or "off";
# SURVEYS_CLIENT_IP_HEADER: the header a trusted proxy in front of the app servers sets
# to the visitor's address (e.g. HTTP_X_REAL_IP); never set it without such a proxy, or
# anyone could pick their own address.
_rate_limit = os.environ.get("SURVEYS_RATE_LIMIT", "10/3600").strip().lower()
SURVEYS_RATE_LIMIT = (
    None
    if _rate_limit in {"off", "none", "0"}
    else tuple(int(part) for part in _rate_limit.split("/", 1))
)
SURVEYS_MIN_FILL_SECONDS = int(os.environ.get("SURVEYS_MIN_FILL_SECONDS", "3"))
SURVEYS_CLIENT_IP_HEADER = os.environ.get("SURVEYS_CLIENT_IP_HEADER", "")
