from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from .visibility import public


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
        urls = super()._urls(page, protocol, domain)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        versions = {}  # translation key -> [(language, address)]
        key_of = {}  # address -> translation key
        for item in self.paginator.page(page).object_list:
            location = item.get_full_url(self.request)
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
