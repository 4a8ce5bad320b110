"""The site's URLs plus a bare view of a chosen size: the baseline each page is measured against."""

from functools import lru_cache

from django.http import Http404, HttpResponse
from django.urls import path

from msme_platform import urls as site_urls

MAX_BYTES = 10_000_000


@lru_cache(maxsize=64)
def _body(n: int) -> bytes:
    return b"x" * n


def bare_bytes(request, n: int) -> HttpResponse:
    """Return n bytes with no template, database or cache work: the ceiling for a page that size."""
    if n > MAX_BYTES:
        raise Http404
    return HttpResponse(_body(n), content_type="text/html; charset=utf-8")


urlpatterns = [
    path("__bench__/bytes/<int:n>/", bare_bytes),
    *site_urls.urlpatterns,
]

handler400 = getattr(site_urls, "handler400", None)
handler403 = getattr(site_urls, "handler403", None)
handler404 = getattr(site_urls, "handler404", None)
handler500 = getattr(site_urls, "handler500", None)
