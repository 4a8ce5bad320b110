from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page

from msme_platform.core import feeds, search
from msme_platform.core.caching import memo
from msme_platform.core.caching.fragments import RememberNode
from msme_platform.core.caching.routing import site_for_request
from msme_platform.core.links import LINK_FIELDS
from msme_platform.core.models import StandardPage
from msme_platform.core.translation_reviews import awaits_review

register = template.Library()


def _link(page, request):
    return {"pk": page.pk, "title": page.title, "path": page.path, "url": page.get_url(request)}


def _navigation(request, language):
    standard_type = ContentType.objects.get_for_model(StandardPage).pk
    pages = list(
        Page.objects.live()
        .filter(depth=3, locale__language_code=language)
        .select_related("locale")
        .only(*LINK_FIELDS, "show_in_menus", "content_type_id", "locale__language_code")
        .order_by("path")
    )
    return {
        "home_url": reverse("wagtail_serve", args=[""]),
        "main": tuple(_link(page, request) for page in pages if page.show_in_menus),
        "footer": tuple(
            _link(page, request) for page in pages if page.content_type_id == standard_type
        ),
        "search_url": next(
            (page.get_url(request) for page in pages if page.slug == "search"), None
        ),
    }


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """Header and footer links for the visitor's language: one query per content change
    (the process memo), links as plain data (``pk``, ``title``, ``path``, ``url``)."""
    request = context["request"]
    language = translation.get_language()
    site = site_for_request(request)
    return memo.remember(
        ("navigation", site.pk if site else None, language),
        lambda: _navigation(request, language),
    )


def _translation_urls(page, request):
    translations = (
        page.get_translations(inclusive=True)
        .live()
        .select_related("locale")
        .only(*LINK_FIELDS, "locale__language_code")
    )
    return {
        translated.locale.language_code: translated.get_url(request) for translated in translations
    }


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in every language: the translation where it exists, else that
    language's home page. Off a Wagtail page, the same path with another language prefix.
    The translations' URLs come from the process memo. A sub-route that shows a record of
    its own (a provision under its agreement) gives its versions as ``translation_urls``.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    urls = context.get("translation_urls") or {}
    if not urls and isinstance(page, Page) and page.pk:
        site = site_for_request(request)
        urls = memo.remember(
            ("translations", site.pk if site else None, page.pk),
            lambda: _translation_urls(page, request),
        )
    versions = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        exists = url is not None
        if url is None:
            url = translate_url(request.path, code)
            if page is not None and url == request.path and code != current:
                with translation.override(code):
                    url = reverse("wagtail_serve", args=[""])
        if request.GET and exists:
            url = f"{url}?{request.GET.urlencode()}"
        versions.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
                "exists": exists,
            }
        )
    return versions


@register.tag
def remember(parser, token):
    """``{% remember "name" [vary_on ...] %}…{% endremember %}``: the fragment rendered once
    per content change, site, language and ``vary_on`` values, then kept in the process
    memo as HTML (not in previews). Only for fragments that depend on nothing else: never
    on the visitor, the time, or a page or query string not named in ``vary_on``. Variables
    set inside the fragment are not set for the rest of the template."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'remember' needs a fragment name")
    nodelist = parser.parse(("endremember",))
    parser.delete_first_token()
    return RememberNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])


@register.filter
def highlight(text, query):
    """Escape ``text`` and mark the words of ``query`` in it."""
    return search.highlight(text, query)


@register.simple_tag(takes_context=True)
def page_url_with(context, **params):
    """The current URL with some query parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in params.items():
        query[key] = value
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """The pages between the home page and ``page``: the ones routing passed through when
    ``page`` is the page served (no query), else one query; none just below home."""
    if page.depth <= 3:
        return []
    routed_pk, lineage = getattr(context["request"], "_route_lineage", (None, ()))
    if routed_pk == page.pk and len(lineage) == page.depth - 2:
        return [ancestor for ancestor in lineage if ancestor.depth > 2]
    return list(
        page.get_ancestors()
        .filter(depth__gt=2)
        .select_related("locale")
        .only(*LINK_FIELDS, "locale__language_code")
    )


@register.simple_tag(takes_context=True)
def content_language(context):
    """The language the page's own content is in, and whether that is a fallback.

    A French or Spanish page that is still an alias shows its source page's words: the
    content region then says so (``lang``) and the visitor is told, in their language.
    One query, only for an alias, and once per content change (the process memo).
    """
    current = translation.get_language()
    page = context.get("page")
    code = current
    alias_of = getattr(page, "alias_of_id", None) if isinstance(page, Page) else None
    if alias_of:
        code = (
            memo.remember(
                ("page-language", alias_of),
                lambda: (
                    Page.objects.filter(pk=alias_of)
                    .values_list("locale__language_code", flat=True)
                    .first()
                ),
            )
            or current
        )
    return {
        "code": code,
        "fallback": code != current,
        "unreviewed": code == current and awaits_review(page),
    }


@register.simple_tag(takes_context=True)
def feed_links(context):
    """``(title, url)`` of the Atom feeds that follow this page (``core/feeds.py``)."""
    return feeds.feed_links(context.flatten())


@register.simple_tag
def country_follow_links(country):
    """``(label, url, media type)`` of the feeds that follow ``country``."""
    return feeds.follow_links(country)
