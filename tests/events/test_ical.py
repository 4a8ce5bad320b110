"""iCalendar over real HTTP, read back with a second parser (vobject), not ``icalendar``."""

import datetime

import pytest
import vobject

from events.enums import EventStatus
from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return vobject.readOne(response.content.decode())


def vevents(calendar):
    return list(getattr(calendar, "vevent_list", []))


@pytest.fixture
def event(index):
    return EventPageFactory(
        parent=index,
        title="Thematic session on trade finance",
        event_type="thematic_session",
        start_date=datetime.date(2030, 3, 29),  # Friday to Monday: summer time starts on the 31st
        end_date=datetime.date(2030, 4, 1),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(12, 0),
        livestream_url="https://www.youtube.com/watch?v=abcDEF12345",
    )


def test_one_event_downloads_as_ics(client, event):
    response = client.get(event.url + "ical/")
    assert response["Content-Disposition"] == (
        'attachment; filename="thematic-session-on-trade-finance.ics"'
    )
    calendar = parse(response)
    (vevent,) = vevents(calendar)
    assert vevent.summary.value == "Thematic session on trade finance"
    assert vevent.uid.value == f"{event.translation_key}@msme-platform"
    assert vevent.sequence.value == "0"
    assert vevent.status.value == "CONFIRMED"
    assert vevent.url.value == "http://localhost/en/msmes/events/thematic-session-on-trade-finance/"
    assert "https://www.youtube.com/watch?v=abcDEF12345" in vevent.location.value
    assert "Livestream: https://www.youtube.com/watch?v=abcDEF12345" in vevent.description.value
    assert vevent.dtstamp.value.tzinfo is not None
    # The zone travels with the times, and the change to summer time falls in between.
    start, end = vevent.dtstart.value, vevent.dtend.value
    assert "DTSTART;TZID=Europe/Zurich:20300329T093000" in response.content.decode()
    assert start.utcoffset() == datetime.timedelta(hours=1)
    assert end.utcoffset() == datetime.timedelta(hours=2)
    assert start.astimezone(UTC) == datetime.datetime(2030, 3, 29, 8, 30, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime.datetime(2030, 4, 1, 10, 0, tzinfo=UTC)
    assert hasattr(calendar, "vtimezone")


def test_the_feed_lists_upcoming_events_and_says_when_one_is_cancelled(
    client, index, event, freeze
):
    freeze(datetime.datetime(2030, 1, 1, tzinfo=UTC))
    response = client.get(index.url + "ical/")
    assert response["Content-Disposition"] == 'attachment; filename="events.ics"'
    (listed,) = vevents(parse(response))  # the starter events are all past by 2030
    uid = listed.uid.value
    event.status = EventStatus.CANCELLED
    event.save_revision().publish()
    (cancelled,) = vevents(parse(client.get(index.url + "ical/")))
    assert cancelled.uid.value == uid  # the same event for the subscriber's calendar
    assert cancelled.status.value == "CANCELLED"
    assert int(cancelled.sequence.value) > int(listed.sequence.value)


def test_feeds_filtered_by_type_or_topic(client, index, event, freeze):
    freeze(datetime.datetime(2030, 1, 1, tzinfo=UTC))
    other = EventPageFactory(parent=index, title="Conference", event_type="conference")
    both = {e.summary.value for e in vevents(parse(client.get(index.url + "ical/")))}
    assert both == {event.title, other.title}
    sessions = parse(client.get(index.url + "ical/?type=thematic_session"))
    assert [e.summary.value for e in vevents(sessions)] == [event.title]
    assert vevents(parse(client.get(index.url + "ical/?topic=access-to-finance"))) == []
    bad = client.get(index.url + "ical/?type=party")
    assert bad.status_code == 400 and "cannot be filtered" in bad.content.decode()


def test_dates_without_times_are_all_day_and_a_month_says_to_be_confirmed(client, index):
    month = index.get_children().get(title="First meeting of the Informal Working Group on MSMEs")
    (vevent,) = vevents(parse(client.get(month.url + "ical/")))
    assert vevent.dtstart.value == datetime.date(2018, 3, 1)
    assert vevent.dtend.value == datetime.date(2018, 4, 1)
    assert vevent.summary.value.endswith("(date to be confirmed)")
    day = index.get_children().get(title__startswith="First Global SME Ministerial")
    (vevent,) = vevents(parse(client.get(day.url + "ical/")))
    assert vevent.dtstart.value == datetime.date(2025, 7, 22)
    assert vevent.dtend.value == datetime.date(2025, 7, 25)  # the end date is exclusive
