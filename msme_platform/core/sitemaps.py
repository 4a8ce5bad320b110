from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    """Every live page of the site in every language.

    Wagtail's own sitemap lists the tree of the active language only, and sitemap.xml sits
    outside the language prefixes, so it would list English alone.
    """

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        return (
            Page.objects.live()
            .public()
            .filter(in_a_tree)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
