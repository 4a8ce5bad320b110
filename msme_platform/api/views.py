"""Wagtail's API v2 pages endpoint, read-only and public, at ``/api/v2/pages/``.

Differences from Wagtail's own ``PagesAPIViewSet``:

- public pages only, found as the site's pages are (``core/visibility.py``, the site and
  its translations from the memo), never anything a session could unlock;
- ``?country=`` and ``?topic=`` filters (``filters.py``) beside ``type`` and ``locale``;
- every listing costs the same number of queries however many pages it shows: each
  type's relations (``api_prefetch``) are prefetched;
- answers are kept like pages: for the content generation (``memo.remember_shared``,
  under the full address asked), so one app server builds each for all;
- a rate limit per client (``throttling.py``), counted before the kept answer is read;
- JSON only: no browsable HTML API, no authentication (nothing private to unlock).
"""

import re

from django.db.models import Q
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page

from msme_platform.core import visibility
from msme_platform.core.caching import memo, routing

from .filters import CountryFilter, TopicFilter
from .throttling import ClientRateThrottle


def _site_root_paths(root_page_id):
    """Tree paths of the site's home page in every language (plain values, for the memo)."""
    root = Page.objects.filter(pk=root_page_id).first()
    if root is None:
        return ()
    return tuple(root.get_translations(inclusive=True).values_list("path", flat=True))


# Past any real number of pages, and below what a database's OFFSET takes.
MAX_OFFSET = 10**9


class BoundedPagination(WagtailPagination):
    """Wagtail's limit and offset, with an offset the database can take."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0").strip()
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ClientRateThrottle]
    pagination_class = BoundedPagination
    filter_backends = [
        *[f for f in PagesAPIViewSet.filter_backends if f is not SearchFilter],
        CountryFilter,
        TopicFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["country", "topic"])

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # the rate limit among it
        for values in request.GET.lists():
            if any("\x00" in value for value in (values[0], *values[1])):
                raise BadRequestError("query parameters cannot contain NUL characters")
        # Wagtail's search filter passes these to the backend unchecked: a bad operator, or
        # a query with no word in it, raised there (a 500) instead of saying what is wrong.
        if request.GET.get("search_operator", "and") not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if "search" in request.GET and not re.search(r"\w", request.GET["search"]):
            raise BadRequestError("search must contain at least one word")
        # The site and its root paths from the memo, as the page views have them.
        routing.site_for_request(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 404:
            # Django's LocaleMiddleware answers a 404 outside the language prefixes with a
            # redirect to /en/…, which Wagtail's catch-all would match; an API's 404 is a
            # 404. It only redirects when the request's URLconf has language prefixes.
            request._request.urlconf = "msme_platform.api.urls"
        return response

    def get_base_queryset(self):
        site = routing.site_for_request(self.request)
        if site is None:
            return Page.objects.none()
        roots = memo.remember(
            ("api-site-roots", site.root_page_id), lambda: _site_root_paths(site.root_page_id)
        )
        within = Q(pk__in=[])
        for path in roots:
            within |= Q(path__startswith=path)
        return visibility.public(Page.objects.live().filter(within))

    def get_queryset(self):
        queryset = super().get_queryset()
        prefetch = getattr(queryset.model, "api_prefetch", ())
        return queryset.select_related("locale").prefetch_related(*prefetch).order_by("path")

    def get_object(self):
        page = super(PagesAPIViewSet, self).get_object()
        model = page.specific_class or Page
        prefetch = getattr(model, "api_prefetch", ())
        return model.objects.select_related("locale").prefetch_related(*prefetch).get(pk=page.pk)

    def find_object(self, queryset, request):
        if "html_path" not in request.GET and "id" in request.GET:
            value = request.GET["id"].strip()
            if not value.isascii() or not value.isdigit():
                raise BadRequestError("id must be a page id (a whole number)")
        return super().find_object(queryset, request)

    def _kept(self, request, view, *args):
        key = ("api-v2", self.action, request.get_host(), request.get_full_path())
        return Response(memo.remember_shared(key, lambda: dict(view(request, *args).data)))

    def listing_view(self, request):
        return self._kept(request, super().listing_view)

    def detail_view(self, request, pk):
        return self._kept(request, super().detail_view, pk)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
