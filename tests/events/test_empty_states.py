"""With nothing upcoming the events page says so, offers the feed and the latest past events."""

import datetime

import pytest

from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def past_event(index):
    event = EventPageFactory(
        parent=index, title="Workshop on rules of origin", start_date=datetime.date(2030, 5, 14)
    )
    event.recordings = [
        ("recording", {"title": "Full recording", "url": "https://vimeo.com/123", "transcript": ""})
    ]
    event.documents = [("document", {"title": "Slides", "url": "https://example.org/slides.pdf"})]
    event.save_revision().publish()
    return event


def test_with_nothing_upcoming_the_page_says_so_and_offers_the_feed_and_past_events(
    client, index, past_event, freeze
):
    freeze(datetime.datetime(2099, 1, 1, tzinfo=UTC))  # after every event there is
    html = client.get(index.url).content.decode()
    assert "No events are planned at the moment." in html
    assert f'href="webcal://testserver{index.url}ical/"' in html
    assert f'href="{index.url}past/"' in html
    recent = html[html.index('id="recent-heading"') :]
    assert "Workshop on rules of origin" in recent
    assert 'href="https://vimeo.com/123">Full recording' in recent
    assert 'href="https://example.org/slides.pdf">Slides' in recent
    # The feed the page offers exists.
    assert client.get(f"{index.url}ical/").status_code == 200


def test_filters_matching_nothing_offer_to_clear_them(client, index, past_event, freeze):
    freeze(datetime.datetime(2099, 1, 1, tzinfo=UTC))
    html = client.get(index.url, {"type": "webinar"}).content.decode()
    assert "No upcoming events match these filters." in html
    assert f'href="{index.url}">Clear the filters' in html
    past = client.get(f"{index.url}past/", {"year": 2031}).content.decode()
    assert "No past events match these filters." in past
    assert f'href="{index.url}past/">Clear the filters' in past


def test_with_events_ahead_there_is_no_empty_state(client, index, past_event, freeze):
    freeze(datetime.datetime(2030, 5, 1, tzinfo=UTC))
    html = client.get(index.url).content.decode()
    assert "Workshop on rules of origin" in html
    assert "No events are planned" not in html and 'id="recent-heading"' not in html
