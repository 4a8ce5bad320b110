"""Security and caching headers on every response, in one place.

One middleware, placed just under Django's SecurityMiddleware, so it sees every response —
static files, cached pages, error pages — after everything else has had its say:

- **Content Security Policy** (django-csp): a strict policy for the public site (no inline
  script or style anywhere: templates use static files only, so no nonce is needed and cached
  pages stay identical for every visitor) and a looser one for the Wagtail admin, which
  still relies on inline scripts and styles (see STACK-NOTES).
- **Permissions-Policy**, which Django does not set: the site uses no camera, microphone,
  location, payment or similar browser feature.
- **Cache-Control** by response type, so that no browser or shared cache ever keeps
  something private or stale:

  ========================================  ==============================================
  admin, any non-GET, per-visitor responses  ``private, no-cache, no-store`` (Django's
  (a cookie set, ``Vary: Cookie`` from a     ``add_never_cache_headers``)
  form's CSRF token, a signed-in visitor)
  errors                                     4xx ``no-cache``; 5xx ``no-store``
  redirects                                  ``no-cache`` (the language redirect at ``/``
                                             also varies on the language cookie)
  public 200s (pages, feeds, exports,        ``public``; browsers ``max-age`` at most
  sitemap, robots)                           ``BROWSER_CACHE_SECONDS`` (default 0: a
                                             published change shows at the next visit),
                                             a CDN ``s-maxage`` when one is configured
  static files                               left as whitenoise sets them (hashed names:
                                             a year, ``immutable``)
  ========================================  ==============================================

  A view's own ``max-age`` (events end theirs at their next state change, survey results
  after a minute) is what the page cache keeps the response for; it caps the browser's and
  the CDN's lifetimes, never lengthens them (an edit must show at the next visit). Public pages
  need no ``Vary``: the language is in the path (``i18n_patterns`` with the default language
  prefixed), and anything that depends on a cookie is private.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import (
    add_never_cache_headers,
    cc_delim_re,
    get_max_age,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
)

ADMIN_PREFIX = "/admin/"


def _directives(response):
    return {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part
    }


def _per_visitor(request, response):
    return bool(
        response.cookies
        or has_vary_header(response, "Cookie")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or "private" in _directives(response)
    )


def set_cache_headers(request, response):
    """Give ``response`` the Cache-Control its type calls for (see the module docstring)."""
    if request.path_info.startswith(ADMIN_PREFIX) or request.method not in ("GET", "HEAD"):
        add_never_cache_headers(response)
        return
    if response.get("Cache-Control", "").find("immutable") >= 0:
        return  # a hashed static file: the same bytes forever
    status = response.status_code
    if status >= 500:
        response["Cache-Control"] = "no-store"
    elif status >= 400:
        if "no-store" not in _directives(response):
            response["Cache-Control"] = "no-cache"
    elif _per_visitor(request, response):
        del response["Cache-Control"]
        add_never_cache_headers(response)
    elif status >= 300:
        if has_vary_header(response, "Accept-Language"):
            patch_vary_headers(response, ["Cookie"])  # the language cookie decides too
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-cache"
    elif not _directives(response) & {"no-store", "no-cache"}:
        own = get_max_age(response)
        browser = settings.BROWSER_CACHE_SECONDS
        shared = settings.FRONTEND_CACHE_SECONDS if settings.WAGTAILFRONTENDCACHE else None
        if own is not None:  # the view knows when its content changes next
            # Never longer than that, but no longer than a page without such a moment
            # either: a browser cannot be told that an editor changed the page.
            browser = min(browser, own)
            shared = None if shared is None else min(shared, own)
        del response["Cache-Control"]
        if shared is None:
            patch_cache_control(response, public=True, max_age=browser)
        else:
            patch_cache_control(response, public=True, max_age=browser, s_maxage=shared)


class ResponseHeadersMiddleware(CSPMiddleware):
    """Content-Security-Policy, Permissions-Policy and Cache-Control on every response."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            return PolicyParts(
                settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"],
                parts.update,
                parts.replace,
                parts.nonce,
            )
        return parts

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            # A page rendered for the admin's preview panel: the admin view that returns it
            # sets the headers, with the admin's policy (which lets the admin frame it).
            return response
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        set_cache_headers(request, response)
        return response
