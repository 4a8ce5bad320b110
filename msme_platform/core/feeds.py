"""Atom feeds, with Django's syndication framework, in every language.

Each feed is served at ``/<language>/feeds/<name>/`` (or ``/<language>/feeds/<name>/<code>/``
for one topic or country): plain Django URLs before Wagtail's, inside the language
prefixes, so a feed lists the pages of that language and speaks it. Core owns the
site-wide feed, the topic and country feeds and the base classes; an app brings its own
feeds (a section's new records, upcoming events, agreements) and registers them in its
``AppConfig.ready()``, as it registers profile sections::

    register_feed(MSMESectionFeed())
    register_record_filter("topic", lambda slug: Q(studypage__topics__slug=slug))

Entries carry the page's own dates (``first_published_at``, ``last_published_at``) and
its full address on the address the site is served from (``sitemaps.served_root_url``).
A feed's XML is kept in the shared cache for the content generation (and, for feeds that
also change with the clock, until their first entry's moment comes).
"""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import http_date
from django.utils.translation import gettext as _
from wagtail.models import Page, get_page_models

from .caching import memo
from .caching.routing import site_for_request
from .sitemaps import served_root_url
from .visibility import public

ENTRIES = 30
# Seconds a browser or a CDN may keep a feed that changes with the clock, at most.
TIMED_CACHE_SECONDS = 3600

_FEEDS = {}
_RECORD_FILTERS = {"topic": [], "country": []}


def register_feed(feed):
    """A ``PageFeed`` instance, served at ``feeds/<feed.name>/``."""
    _FEEDS[feed.name] = feed
    return feed


def registered_feeds():
    return list(_FEEDS.values())


def record_filters(kind):
    return list(_RECORD_FILTERS[kind])


def register_record_filter(kind, build):
    """``build(code)``: a ``Q`` over ``Page`` for the records of one topic (``kind="topic"``,
    code a topic's slug) or one country (``"country"``, code an ISO3 code)."""
    _RECORD_FILTERS[kind].append(build)
    return build


def feed_url(name, code=None):
    """The feed's path in the active language."""
    args = [name] if code is None else [name, code]
    return reverse("feed" if code is None else "feed_of", args=args)


def serve_feed(request, name, code=None):
    feed = _FEEDS.get(name)
    if feed is None or (code is not None) != feed.takes_code:
        raise Http404
    return feed(request, code)


class Subject:
    """What a feed is about: its title, its page and the entries, as the feed builds."""

    def __init__(self, title, link, description="", **extra):
        self.title, self.link, self.description = title, link, description
        self.entries = []
        self.__dict__.update(extra)


class PageFeed(Feed):
    """An Atom feed of pages (or rows of pages); subclasses say which, in ``entries``.

    ``get_subject(request, code)`` finds what the feed is about (raise ``Http404`` for an
    unknown code); ``entries(subject, request, now)`` returns what it lists, newest first.
    ``advertise(context)`` returns ``(title, url)`` pairs for the ``<link rel="alternate">``
    of the page rendered with ``context``.
    """

    feed_type = Atom1Feed
    name = ""
    takes_code = False
    # Whether the entries also change with the clock (upcoming events): the feed is then
    # kept until ``valid_until(entries, now)`` as well.
    timed = False

    def __call__(self, request, code=None):
        now = timezone.now()
        root = served_root_url(request, site_for_request(request))
        key = ("atom", self.name, code, translation.get_language(), root)

        def compute():
            subject = self.get_subject(request, code)
            subject.root = root
            subject.entries = list(self.entries(subject, request, now))
            generator = self.get_feed(subject, request)
            latest = generator.latest_post_date()
            return (generator.writeString("utf-8"), http_date(latest.timestamp())), (
                self.valid_until(subject.entries, now) if self.timed else None
            )

        if self.timed:
            (body, modified), until = memo.remember_until(key, compute, now)
        else:
            body, modified = memo.remember_shared(key, lambda: compute()[0])
            until = None
        response = HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
        response["Last-Modified"] = modified
        response["Content-Language"] = translation.get_language()
        if self.timed:
            seconds = TIMED_CACHE_SECONDS
            if until is not None:
                seconds = max(0, min(seconds, int((until - now).total_seconds())))
            patch_cache_control(response, public=True, max_age=seconds)
        return response

    # -- What subclasses provide

    def get_subject(self, request, code):
        raise NotImplementedError

    def entries(self, subject, request, now):
        raise NotImplementedError

    def valid_until(self, entries, now):
        return None

    def advertise(self, context):
        return []

    # -- Django's syndication attributes

    def title(self, subject):
        return subject.title

    def link(self, subject):
        return subject.link

    def subtitle(self, subject):
        return subject.description

    def feed_url(self, subject):
        return subject.root + feed_url(self.name, getattr(subject, "code", None))

    def feed_guid(self, subject):
        return self.feed_url(subject)

    def author_name(self):
        return _("WTO Informal Working Group on MSMEs")

    def items(self, subject):
        return subject.entries

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return page.search_description

    def item_link(self, page):
        return page.atom_link

    def item_guid(self, page):
        return page.atom_link

    item_guid_is_permalink = True

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at


def with_atom_links(pages, subject, request):
    """``pages`` with ``atom_link`` set: the page's address on the address served."""
    found = []
    for page in pages:
        url = page.get_url(request)
        if url is None:
            continue
        if not url.startswith(("http://", "https://")):
            url = subject.root + url
        page.atom_link = url
        found.append(page)
    return found


def latest_records(pages, signposts=False):
    """Live, public records in the feed's order: newest first, signposts left out (the
    page types that stay out of the home page's "What's new") unless ``signposts``."""
    pages = public(pages.live())
    if not signposts:
        hidden = [m for m in get_page_models() if not getattr(m, "show_in_whats_new", True)]
        pages = pages.not_type(*hidden)
    return pages.select_related("locale").order_by("-last_published_at", "-pk")[:ENTRIES]


def active_language_pages():
    return Page.objects.filter(locale__language_code=translation.get_language())


def page_link(page, subject, request):
    return with_atom_links([page], subject, request)[0].atom_link


def home_page(request):
    """The home page in the active language, or 404."""
    site = site_for_request(request)
    home = (
        site.root_page.get_translations(inclusive=True)
        .filter(locale__language_code=translation.get_language())
        .select_related("locale")
        .first()
        if site
        else None
    )
    if home is None:
        raise Http404
    return home


def follow_links(country):
    """``(label, url, media type)`` of every feed that follows one country (its profile's
    "Follow this country"), from the feeds that define ``follow(country)``."""
    links = []
    for feed in registered_feeds():
        follow = getattr(feed, "follow", None)
        if follow is not None:
            links.extend(follow(country))
    return links


def feed_links(context):
    """``(title, url)`` of every feed that follows the page rendered with ``context``."""
    links = []
    for feed in registered_feeds():
        links.extend(feed.advertise(context))
    return links
