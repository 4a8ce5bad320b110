"""The events pages and feeds stay within the query budget at 10 and at 1,000 events."""

import datetime

import pytest
from wagtail.models import Locale

from msme_platform.core.models import Topic
from tests.events.factories import EventPageFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db
BUDGET = 15


def add_events(index, count, start=0):
    topics = list(Topic.objects.filter(locale=Locale.get_default())[:3])
    for number in range(start, start + count):
        event = EventPageFactory(
            parent=index,
            title=f"Session {number}",
            slug=f"session-{number}",
            start_date=datetime.date(2030, 5, 1) + datetime.timedelta(days=number % 30),
            event_type=["workshop", "webinar", "conference"][number % 3],
        )
        event.topics.set(topics[: number % 3 + 1])


def test_events_pages_stay_within_budget_at_10_and_1000_events(client, index, freeze):
    freeze(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC))
    add_events(index, 10)
    paths = [
        "/en/",
        index.url,
        index.url + "?type=workshop&topic=access-to-finance&year=2030",
        index.url + "past/",
        index.url + "calendar/2030/5/",
        index.url + "session-3/",
        index.url + "session-3/ical/",
        index.url + "ical/",
        "/en/countries/che/",
    ]

    def measure(size):
        counts = {}
        for path in paths:
            if "ical/" in path:
                # A parameter the filters ignore, and no warming call, make a feed new to
                # the cache: count the work of building it, not a cache hit.
                path = path + ("&" if "?" in path else "?") + f"fresh={size}"
            else:
                assert client.get(path).status_code == 200, path
            counts[path.split("fresh=")[0].rstrip("?&")] = count_queries(
                lambda path=path: client.get(path)
            )
        return counts

    small = measure(10)
    add_events(index, 990, start=10)
    large = measure(1000)
    print("\nqueries per events page (10 events / 1,000 events):")
    for path in paths:
        print(f"  {path:70} {small[path]:3} / {large[path]:3}")
    assert all(count <= BUDGET for count in small.values()), small
    assert large == small
