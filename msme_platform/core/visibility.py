"""Which pages a visitor may see, without a query for it where possible.

Wagtail's ``PageQuerySet.public()`` first loads every view restriction (one query), then
excludes the restricted subtrees. Here the process memo knows whether any page is
restricted at all; while none is, which is the usual case on a public site, nothing is
excluded and nothing is asked. Otherwise restricted subtrees are left out inside the
same query.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction

from .caching import memo


def any_restricted():
    return memo.remember(("any-view-restriction",), PageViewRestriction.objects.exists)


def public(pages):
    """``pages`` without those under a view restriction (their own or an ancestor's)."""
    if not any_restricted():
        return pages
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.exclude(Exists(restricted))
