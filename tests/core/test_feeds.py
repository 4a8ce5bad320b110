"""Atom feeds: every feed in every language reads cleanly in a feed reader, lists real
records with their real dates and addresses, and the pages they follow advertise them."""

import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import feedparser
import pytest
import time_machine
from wagtail.models import Locale, Page

from events.models import EventPage
from msme_platform.core.caching import generation
from msme_platform.core.models import StandardPage
from msme_section.models import MSMESectionPage, StudyPage
from policymaker_section.models import AgreementPage
from tests.core.factories import StandardPageFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es"]
# What the starter content holds: a topic with studies, a country party to agreements.
TOPIC = "access-to-finance"
COUNTRY = "jpn"
FEEDS = [
    "new/",
    "msmes/",
    "policymakers/",
    "events/",
    "agreements/",
    "provisions/",
    f"topics/{TOPIC}/",
    f"countries/{COUNTRY}/",
]
LINKS_CHECKED = 4
BUDGET = 15


class HeadLinks(HTMLParser):
    """The Atom feeds a page's ``<head>`` advertises, and the page's visible links."""

    def __init__(self):
        super().__init__()
        self.feeds, self.anchors = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("type") == "application/atom+xml":
            assert attrs.get("rel") == "alternate"
            assert attrs.get("title")
            self.feeds.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.anchors.append(attrs["href"])


def head_links(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parser = HeadLinks()
    parser.feed(response.content.decode())
    return parser


def read(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return parsed


@pytest.fixture
def freeze_before_the_events():
    """The starter events are upcoming (the feed lists events still to come)."""

    first = EventPage.objects.order_by("starts_at").values_list("starts_at", flat=True).first()
    with time_machine.travel(first - datetime.timedelta(days=1), tick=False):
        yield


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_feed_reads_cleanly_in_every_language_with_real_records(
    client, language, freeze_before_the_events
):
    locale = Locale.objects.get(language_code=language)
    published = {
        stamp.replace(microsecond=0)
        for stamp in Page.objects.live()
        .filter(locale=locale)
        .values_list("last_published_at", flat=True)
        if stamp
    }
    titles = set()
    for feed in FEEDS:
        path = f"/{language}/feeds/{feed}"
        parsed = read(client, path)
        assert parsed.version == "atom10", path
        assert parsed.feed.language == language, path
        assert parsed.entries, f"{path} has no entry"
        titles.add(parsed.feed.title)
        for entry in parsed.entries:
            assert entry.link.startswith(("http://", "https://")), (path, entry.link)
            assert entry.id == entry.link
            assert entry.published_parsed and entry.updated_parsed, (path, entry.link)
            updated = datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC)
            assert updated in published, (path, entry.link, updated)
        for entry in parsed.entries[:LINKS_CHECKED]:
            link = urlsplit(entry.link)
            assert link.path.startswith(f"/{language}/"), (path, entry.link)
            response = client.get(link.path, follow=True)
            assert response.status_code == 200, (path, entry.link)
    assert len(titles) == len(FEEDS)


def test_feed_titles_and_entries_are_in_the_feeds_language(client, freeze_before_the_events):
    english = read(client, "/en/feeds/msmes/")
    french = read(client, "/fr/feeds/msmes/")
    spanish = read(client, "/es/feeds/msmes/")
    assert len({english.feed.title, french.feed.title, spanish.feed.title}) == 3
    assert english.feed.language == "en" and french.feed.language == "fr"
    assert all("/fr/" in entry.link for entry in french.entries)
    assert all("/es/" in entry.link for entry in spanish.entries)
    french_titles = set(
        StudyPage.objects.live().filter(locale__language_code="fr").values_list("title", flat=True)
    )
    assert french_titles & {
        entry.title for entry in read(client, "/fr/feeds/topics/" + TOPIC + "/").entries
    }


def test_agreement_feed_entries_carry_the_pages_own_dates(client):
    parsed = read(client, "/en/feeds/agreements/")
    by_path = {
        page.url.rstrip("/"): page
        for page in AgreementPage.objects.live().filter(locale=Locale.get_default())
    }
    for entry in parsed.entries:
        page = by_path[urlsplit(entry.link).path.rstrip("/")]
        published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
        updated = datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC)
        assert published == page.first_published_at.replace(microsecond=0)
        assert updated == page.last_published_at.replace(microsecond=0)


def test_provision_entries_open_their_provision(client):
    parsed = read(client, "/es/feeds/provisions/")
    entry = parsed.entries[0]
    # The provision's own, citable page, with no redirect on the way.
    assert "/provisions/" in entry.link
    landing = client.get(urlsplit(entry.link).path)
    assert landing.status_code == 200
    assert entry.summary.split()[0] in landing.content.decode()


def test_pages_advertise_the_feeds_they_follow(client, freeze_before_the_events):
    expected = {
        "/en/": ["/en/feeds/new/", "/en/feeds/events/"],
        "/fr/": ["/fr/feeds/new/", "/fr/feeds/events/"],
        "/en/msmes/": ["/en/feeds/msmes/"],
        "/es/policymakers/": ["/es/feeds/policymakers/"],
        f"/en/countries/{COUNTRY}/": [f"/en/feeds/countries/{COUNTRY}/"],
        "/en/policymakers/trade-agreements/": [
            "/en/feeds/agreements/",
            "/en/feeds/provisions/",
        ],
        f"/en/msmes/studies/?topic={TOPIC}": [f"/en/feeds/topics/{TOPIC}/"],
        "/en/msmes/events/": ["/en/feeds/events/"],
    }
    for path, feeds in expected.items():
        advertised = head_links(client, path).feeds
        assert advertised == feeds, (path, advertised)
        for feed in advertised:
            assert read(client, feed).entries, feed
    assert head_links(client, "/en/about/").feeds == []


def test_a_country_profile_offers_to_follow_the_country(client):
    """Its Atom feed, and the calendar of its events where it holds any."""
    page = head_links(client, f"/fr/countries/{COUNTRY}/")
    assert f"/fr/feeds/countries/{COUNTRY}/" in page.anchors
    assert not any("/feeds/calendars/" in link for link in page.anchors)
    body = client.get(f"/fr/countries/{COUNTRY}/").content.decode()
    assert "Suivre ce pays" in body
    host = EventPage.objects.exclude(country=None).values_list("country__iso3", flat=True)[0]
    profile = head_links(client, f"/es/countries/{host.lower()}/")
    assert f"/es/feeds/countries/{host.lower()}/" in profile.anchors
    calendar = f"/es/feeds/calendars/{host.lower()}/"
    assert calendar in profile.anchors
    response = client.get(calendar)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content


def test_a_country_calendar_lists_the_upcoming_events_held_there(client):
    event = EventPage.objects.live().exclude(country=None).filter(locale=Locale.get_default())[0]

    with time_machine.travel(event.starts_at - datetime.timedelta(days=1), tick=False):
        response = client.get(f"/en/feeds/calendars/{event.country.iso3.lower()}/")
    assert response.status_code == 200
    assert str(event.translation_key) in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/en/feeds/countries/zzz/",
        "/en/feeds/countries/toolong/",
        "/fr/feeds/topics/no-such-topic/",
        "/en/feeds/countries/",
        "/en/feeds/topics/",
        "/en/feeds/no-such-feed/",
        "/en/feeds/new/extra/",
        "/en/feeds/countries/%ff/",
        "/en/feeds/topics/' OR 1=1--/",
        "/en/feeds/calendars/zzz/",
        "/en/feeds/calendars/",
    ],
)
def test_unknown_feeds_topics_and_countries_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_feeds_follow_new_content_at_once(client):
    before = read(client, "/en/feeds/new/")
    page = StandardPageFactory(
        parent=StandardPage.objects.get(slug="about", locale=Locale.get_default()),
        title="A guide published just now",
        live=False,
    )
    page.save_revision().publish()
    after = read(client, "/en/feeds/new/")
    assert after.entries[0].title == "A guide published just now"
    assert before.entries[0].title != after.entries[0].title


def test_feeds_cost_the_same_queries_as_content_grows(client, freeze_before_the_events):
    """Built afresh (a new content generation) within the page budget, the same at 10 and
    at 50 more records; read again before content changes, no query at all."""
    english = Locale.get_default()
    parents = [
        MSMESectionPage.objects.get(locale=english),
        StandardPage.objects.get(slug="about", locale=english),
    ]
    paths = [f"/en/feeds/{feed}" for feed in FEEDS] + [f"/fr/feeds/{feed}" for feed in FEEDS]

    def grow(count, start):
        for number in range(start, start + count):
            StandardPageFactory(parent=parents[number % 2], title=f"Guide {number}")

    def measure():
        counts = {}
        for path in paths:
            client.get(path)  # process-wide caches (content types)
            generation.changed()
            cold = count_queries(lambda path=path: client.get(path))
            warm = count_queries(lambda path=path: client.get(path))
            counts[path] = (cold, warm)
        return counts

    grow(10, 0)
    small = measure()
    grow(50, 10)
    large = measure()
    print("\nqueries per feed, built / read again (10 / 60 more records):")
    for path in paths:
        print(f"  {path:40} {small[path]} / {large[path]}")
    assert all(cold <= BUDGET for cold, _warm in small.values()), small
    assert all(warm == 0 for _cold, warm in small.values()), small
    assert large == small
