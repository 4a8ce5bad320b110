"""What a visitor sees: state, livestream, recordings, lists, calendar, caching, bad input."""

import datetime
import re

import pytest
from wagtail.models import Locale

from events.enums import EventStatus
from msme_platform.core.models import Topic
from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def max_age(response):
    return int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))


@pytest.fixture(autouse=True)
def browsers_may_keep_pages(settings):
    """A site that lets browsers keep pages an hour: an event's own, earlier expiry (its
    next start or end) then shows in ``max-age``. With the default (0) browsers keep
    nothing, and the page cache alone honours that expiry."""
    settings.BROWSER_CACHE_SECONDS = 3600


@pytest.fixture
def event(index):
    return EventPageFactory(
        parent=index,
        title="Webinar on e-commerce for small exporters",
        start_date=datetime.date(2030, 5, 14),
        livestream_url="https://www.youtube.com/watch?v=abcDEF12345",
        registration_url="https://example.org/register",
    )


def test_before_the_event_registration_is_offered_and_the_cache_ends_at_the_start(
    client, event, freeze
):
    freeze(utc(2030, 5, 14, 11, 0))
    response = client.get(event.url)
    html = response.content.decode()
    assert "Register" in html and "Join the livestream" not in html
    assert "14 May 2030, 14:00–16:00" in html and "(Europe/Zurich, UTC+02:00)" in html
    assert max_age(response) == 3600  # an hour before the start: capped at an hour
    freeze(utc(2030, 5, 14, 11, 50))
    assert max_age(client.get(event.url)) == 600  # expires when the event goes live


def test_while_live_the_livestream_is_prominent(client, event, freeze):
    freeze(utc(2030, 5, 14, 13, 30))
    response = client.get(event.url)
    html = response.content.decode()
    assert "Taking place now" in html
    assert 'href="https://www.youtube.com/watch?v=abcDEF12345">Join the livestream' in html
    assert "Live now" in client.get(event.get_parent().url).content.decode()
    assert max_age(response) == 30 * 60  # until the end


def test_after_the_event_recordings_come_first(client, event, freeze):
    event.recordings = [
        (
            "recording",
            {
                "title": "Full recording",
                "url": "https://www.youtube.com/watch?v=abcDEF12345",
                "captions_url": "https://example.org/captions.vtt",
                "transcript": "",
            },
        )
    ]
    event.documents = [("document", {"title": "Slides", "url": "https://example.org/s.pdf"})]
    event.speakers = [("speaker", {"name": "A. Speaker", "role": "Trade adviser"})]
    event.save_revision().publish()
    freeze(utc(2030, 5, 15))
    html = client.get(event.url).content.decode()
    assert "Join the livestream" not in html and "Register" not in html
    assert html.index("Recordings") < html.index("Source:" if "Source:" in html else "</main>")
    # The player is a click-to-load placeholder: a plain link, no iframe before the visitor asks.
    assert "<iframe" not in html
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/abcDEF12345"' in html
    assert 'href="https://www.youtube.com/watch?v=abcDEF12345">Watch on youtube.com' in html
    assert "Captions" in html
    assert 'href="https://example.org/s.pdf">Slides' in html
    assert "A. Speaker</strong>, Trade adviser" in html
    assert html.index("Recordings") < html.index("Speakers")


def test_a_cancelled_event_says_so(client, event, freeze):
    event.status = EventStatus.CANCELLED
    event.save_revision().publish()
    freeze(utc(2030, 5, 14, 12, 30))
    html = client.get(event.url).content.decode()
    assert "This event has been cancelled." in html
    assert "Join the livestream" not in html


def test_upcoming_and_past_lists(client, index, event, freeze):
    freeze(utc(2030, 1, 1))
    upcoming = client.get(index.url).content.decode()
    assert event.title in upcoming
    assert "MC11 Joint Ministerial Statement" not in upcoming
    past = client.get(index.url + "past/?year=2017").content.decode()
    assert "MC11 Joint Ministerial Statement" in past and event.title not in past
    assert 'March 2018 <span class="event-tbc">(day to be confirmed)</span>' in (
        client.get(index.url + "past/?year=2018").content.decode()
    )


def test_filters_by_type_topic_and_year(client, index, event, freeze):
    topic = Topic.objects.get(slug="e-commerce", locale=Locale.get_default())
    event.topics.add(topic)
    event.save_revision().publish()
    freeze(utc(2030, 1, 1))
    assert event.title in client.get(index.url + "?topic=e-commerce").content.decode()
    assert event.title not in client.get(index.url + "?type=conference").content.decode()
    assert event.title in client.get(index.url + "?type=workshop&year=2030").content.decode()
    past = client.get(index.url + "past/?type=thematic_session").content.decode()
    assert "thematic discussions on good regulatory practices" in past
    assert "MC11" not in past


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?year=99999999999999999999",
        "?type=<script>",
        "?topic=nope",
        "?page=-1",
        "?page=99999",
        "?year=2030&page=x",
    ],
)
def test_hostile_filters_give_a_message_never_a_server_error(client, index, query):
    response = client.get(index.url + "past/" + query)
    assert response.status_code == 200


def test_month_calendar(client, index, event):
    response = client.get(index.url + "calendar/2030/5/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "May 2030" in html
    cell = html[html.index("Tuesday 14 May") :][:600]
    assert event.title[:20] in cell
    assert 'href="/en/msmes/events/calendar/2030/4/" rel="prev"' in html
    assert 'href="/en/msmes/events/calendar/2030/6/" rel="next"' in html
    march = client.get(index.url + "calendar/2018/3/").content.decode()
    tbc = march[march.index("This month, day to be confirmed") :]
    assert "First meeting of the Informal Working Group on MSMEs" in tbc
    assert "Informal Working Group on MSMEs meeting on access" in march


@pytest.mark.parametrize(
    "path",
    [
        "calendar/2030/13/",
        "calendar/2030/0/",
        "calendar/0/1/",
        "calendar/99999999999999999999/1/",
        "calendar/-1/5/",
        "calendar/2030/x/",
        "calendar/2030/",
    ],
)
def test_hostile_months_give_not_found(client, index, path):
    assert client.get(index.url + path).status_code == 404


def test_the_home_page_shows_the_next_events(client, event, freeze):
    freeze(utc(2030, 1, 1))
    html = client.get("/en/").content.decode()
    assert "Next events" in html and event.title in html


def test_the_kept_lists_follow_the_clock_between_edits(client, index, event, freeze):
    """The home page and the events list are kept between edits, yet an event shows as
    live once it starts and moves to the past once it ends, with no edit in between."""
    freeze(utc(2030, 5, 14, 11, 0))
    for html in (client.get("/en/").content.decode(), client.get(index.url).content.decode()):
        assert event.title in html and "Live now" not in html
    freeze(utc(2030, 5, 14, 12, 30))
    for html in (client.get("/en/").content.decode(), client.get(index.url).content.decode()):
        assert event.title in html and "Live now" in html
    freeze(utc(2030, 5, 14, 14, 30))
    assert event.title not in client.get("/en/").content.decode()
    # Off the upcoming list; with nothing else ahead it shows among the most recent events.
    upcoming = client.get(index.url).content.decode()
    assert 'class="event-list" aria-labelledby="list-heading"' not in upcoming
    assert event.title in upcoming[upcoming.index('id="recent-heading"') :]
    assert event.title in client.get(index.url + "past/").content.decode()


def test_events_appear_on_their_countrys_profile(client):
    html = client.get("/en/countries/are/").content.decode()
    assert "Conferences and workshops held here" in html
    assert "WTO 13th Ministerial Conference (MC13)" in html


def test_site_search_finds_events(client, event):
    html = client.get("/en/search/?q=webinar+exporters").content.decode()
    assert "<mark>Webinar</mark> on e-commerce for small <mark>exporters</mark>" in html
    venue = client.get("/en/search/?q=Beau+Rivage").content.decode()  # found by its venue
    assert "TAF2+ workshop on the WTO agenda" in venue


def test_the_index_cache_ends_at_the_next_start_or_end(client, index, event, freeze):
    freeze(utc(2030, 5, 14, 11, 59))
    assert max_age(client.get(index.url)) == 60
    freeze(utc(2030, 5, 14, 13, 0))
    assert max_age(client.get(index.url)) == 3600  # an hour until the end: capped


def test_an_editor_cannot_publish_an_end_before_the_start(admin_client, index):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    data = nested_form_data(
        {
            "title": "Broken dates",
            "slug": "broken-dates",
            "event_type": "workshop",
            "status": "scheduled",
            "start_date": "2030-05-14",
            "start_time": "14:00",
            "end_date": "2030-05-13",
            "end_time": "16:00",
            "time_zone": "Europe/Zurich",
            "body": rich_text(""),
            "speakers": streamfield([]),
            "recordings": streamfield([]),
            "documents": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/events/eventpage/{index.pk}/", data)
    assert response.status_code == 200
    assert "The event ends before it starts: check the end date and time." in (
        response.content.decode()
    )
    from events.models import EventPage

    assert not EventPage.objects.filter(slug="broken-dates").exists()


def test_restricted_events_stay_off_the_home_page_and_profiles(client, index, event, freeze):
    from wagtail.models import PageViewRestriction

    freeze(utc(2030, 1, 1))
    PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert event.title not in client.get("/en/").content.decode()
    assert "MC13" not in client.get("/en/countries/are/").content.decode()
