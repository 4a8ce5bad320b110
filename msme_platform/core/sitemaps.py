from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db.models import Q
from django.http.request import split_domain_port, validate_host
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from .visibility import public


def served_root_url(request, site):
    """The address the site is served from: the request's, if its host is allowed.

    Wagtail builds full URLs from the ``Site`` record, which the starter content leaves at
    ``localhost`` on port 80. The request's host is used instead when ``ALLOWED_HOSTS``
    names it: not when only a ``*`` lets it through, since anyone can send any Host.
    A request for the ``Site`` record's own host name without a port keeps the record's
    address (its port says whether it is https behind a proxy).
    """
    try:
        host = request.get_host()
    except DisallowedHost:
        return site.root_url
    domain, port = split_domain_port(host)
    if domain == site.hostname and (not port or int(port) == site.port):
        return site.root_url
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]  # as Django allows them
    if not validate_host(domain, [pattern for pattern in allowed if pattern != "*"]):
        return site.root_url
    return f"{request.scheme}://{host}"


class AllLanguagesSitemap(Sitemap):
    """Every live page of the site in every language, each with its ``hreflang`` alternates.

    Wagtail's own sitemap lists the tree of the active language only, and sitemap.xml sits
    outside the language prefixes, so it would list English alone.
    """

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        return (
            public(Page.objects.live())
            .filter(in_a_tree)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        site = self.get_wagtail_site()
        record, served = site.root_url, served_root_url(self.request, site)

        def address(url):
            return served + url[len(record) :] if url.startswith(record + "/") else url

        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = address(url_info["location"])
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        versions = {}  # translation key -> [(language, address)]
        key_of = {}  # address -> translation key
        for item in self.paginator.page(page).object_list:
            location = address(item.get_full_url(self.request))
            versions.setdefault(item.translation_key, []).append(
                (languages[item.locale_id], location)
            )
            key_of[location] = item.translation_key
        for url_info in urls:
            alternates = sorted(versions.get(key_of.get(url_info["location"]), []))
            url_info["alternates"] = [
                {"lang_code": code, "location": location} for code, location in alternates
            ]
            default = dict(alternates).get(settings.LANGUAGE_CODE)
            if len(alternates) > 1 and default:
                url_info["alternates"].append({"lang_code": "x-default", "location": default})
        return urls
