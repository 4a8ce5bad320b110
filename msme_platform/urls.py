import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from msme_platform.core import citations, feeds
from msme_platform.core import views as core_views
from msme_platform.core.caching import routing
from msme_platform.core.error_reports import report_error
from msme_platform.core.sitemaps import AllLanguagesSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("msme_platform.api.urls")),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
]

if settings.LOCAL_DEVELOPMENT:
    # Uploads on a laptop, whether or not DEBUG is on (Django's static() needs DEBUG).
    from django.views.static import serve

    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns += i18n_patterns(
    path("report-an-error/<int:page_id>/", report_error, name="report_error"),
    # Atom feeds: plain URLs, since Wagtail's page pattern takes no dot (core/feeds.py).
    path("feeds/<slug:name>/", feeds.serve_feed, name="feed"),
    path("feeds/<slug:name>/<slug:code>/", feeds.serve_feed, name="feed_of"),
    path("cite/<slug:kind>/<int:pk>/<slug:fmt>/", citations.download, name="citation"),
    # Wagtail's URLs, with its page view finding pages in two queries (core/caching/routing.py).
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

handler404 = "msme_platform.core.views.page_not_found"
handler500 = "msme_platform.core.views.server_error"
