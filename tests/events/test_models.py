"""Dates in the event's own zone, the state derived from now, and the calendar revision."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.enums import EventState, EventStatus
from events.models import EventPage
from events.templatetags.events_tags import event_when
from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def test_times_are_entered_in_the_events_zone_across_a_daylight_saving_change(index):
    # Geneva moves from UTC+1 to UTC+2 in the night of 29 to 30 March 2025.
    before = EventPageFactory(parent=index, start_date=datetime.date(2025, 3, 28))
    after = EventPageFactory(parent=index, start_date=datetime.date(2025, 3, 31))
    assert before.starts_at == utc(2025, 3, 28, 13, 0)
    assert after.starts_at == utc(2025, 3, 31, 12, 0)
    assert "14:00–16:00" in event_when(before) and "UTC+01:00" in event_when(before)
    assert "14:00–16:00" in event_when(after) and "UTC+02:00" in event_when(after)


def test_an_event_over_the_night_of_the_change_lasts_its_real_length(index):
    event = EventPageFactory(
        parent=index,
        start_date=datetime.date(2025, 3, 30),
        start_time=datetime.time(1, 0),
        end_time=datetime.time(4, 0),
    )
    assert event.ends_at - event.starts_at == datetime.timedelta(hours=2)


def test_lima_has_no_daylight_saving(index):
    event = EventPageFactory(
        parent=index, time_zone="America/Lima", start_date=datetime.date(2025, 7, 1)
    )
    assert event.starts_at == utc(2025, 7, 1, 19, 0)
    assert "(America/Lima, UTC−05:00)" in event_when(event)


def test_state_follows_the_clock(index, freeze):
    event = EventPageFactory(parent=index, start_date=datetime.date(2030, 5, 14))
    assert event.state(utc(2030, 5, 14, 11, 59)) == EventState.UPCOMING
    assert event.state(utc(2030, 5, 14, 12, 0)) == EventState.LIVE
    assert event.state(utc(2030, 5, 14, 13, 59)) == EventState.LIVE
    assert event.state(utc(2030, 5, 14, 14, 0)) == EventState.PAST
    freeze(utc(2030, 5, 14, 12, 30))
    assert event.state() == EventState.LIVE
    assert event.next_change() == utc(2030, 5, 14, 14, 0)


def test_a_day_without_times_covers_the_local_day(index):
    event = EventPageFactory(
        parent=index,
        start_date=datetime.date(2030, 1, 10),
        start_time=None,
        end_time=None,
        time_zone="Asia/Manila",
    )
    assert event.starts_at == utc(2030, 1, 9, 16, 0)
    assert event.ends_at == utc(2030, 1, 10, 16, 0)
    assert event_when(event) == "10 January 2030"


def test_a_month_only_event_is_never_shown_on_a_day_nor_as_live(index):
    event = EventPageFactory(
        parent=index,
        start_date=datetime.date(2030, 3, 1),
        start_time=None,
        end_time=None,
        month_only=True,
    )
    assert "March 2030" in event_when(event)
    assert "day to be confirmed" in event_when(event)
    assert event.state(utc(2030, 3, 15)) == EventState.UPCOMING
    assert event.state(utc(2030, 4, 1)) == EventState.PAST


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_date": datetime.date(2030, 5, 13)}, "end_date"),
        ({"end_time": datetime.time(13, 0)}, "end_time"),
        ({"end_time": None}, "end_time"),
        ({"start_time": None}, "start_time"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"slug": "calendar"}, "slug"),
    ],
)
def test_impossible_dates_are_refused_with_a_message(index, changes, field):
    event = EventPageFactory.build(start_date=datetime.date(2030, 5, 14), slug="x")
    for name, value in changes.items():
        setattr(event, name, value)
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["path", "depth", "starts_at", "ends_at"])
    assert field in error.value.message_dict


def test_sequence_rises_only_when_the_calendar_would_change(index):
    event = EventPageFactory(parent=index)
    assert event.sequence == 0
    event.search_description = event.search_description  # nothing a calendar shows
    event.save_revision().publish()
    assert EventPage.objects.get(pk=event.pk).sequence == 0
    event = EventPage.objects.get(pk=event.pk)
    event.start_time = datetime.time(15, 0)
    event.end_time = datetime.time(17, 0)
    event.save_revision().publish()
    assert EventPage.objects.get(pk=event.pk).sequence == 1
    event = EventPage.objects.get(pk=event.pk)
    event.status = EventStatus.CANCELLED
    event.save_revision().publish()
    assert EventPage.objects.get(pk=event.pk).sequence == 2
