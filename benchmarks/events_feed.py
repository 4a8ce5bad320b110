"""How long the iCalendar feed of 1,000 upcoming events takes to build (server time).

    .venv/bin/python -m benchmarks.events_feed [--events 1000] [--runs 20]

Uses the database of ``DATABASE_URL`` (SQLite ``db.sqlite3`` by default) with the starter
content loaded; the extra events are created inside a transaction that is rolled back,
so nothing is left behind. Prints the median and the slowest run of the whole request
(routing, queries, icalendar, serialisation) through Django's test client. Budget: the
feed of 1,000 events under 100 ms.
"""

import argparse
import datetime
import os
import statistics
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msme_platform.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction
    from django.test import Client
    from wagtail.models import Locale

    from events.models import EventIndexPage, EventPage

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    index = EventIndexPage.objects.get(locale=Locale.get_default())
    with transaction.atomic():
        first = datetime.date.today() + datetime.timedelta(days=30)
        for number in range(args.events):
            index.add_child(
                instance=EventPage(
                    title=f"Benchmark session {number}",
                    slug=f"benchmark-session-{number}",
                    event_type="webinar",
                    start_date=first + datetime.timedelta(days=number % 300),
                    start_time=datetime.time(9 + number % 8, 0),
                    end_time=datetime.time(10 + number % 8, 30),
                    time_zone=["Europe/Zurich", "America/Lima", "Asia/Manila"][number % 3],
                    livestream_url="https://www.youtube.com/watch?v=abcDEF12345",
                )
            )
        client = Client()
        url = index.url + "ical/"
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        listed = response.content.count(b"BEGIN:VEVENT")
        warm, cold = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            warm.append((time.perf_counter() - started) * 1000)
        for number in range(max(3, args.runs // 4)):
            started = time.perf_counter()
            fresh = client.get(url, {"run": number})  # ignored by the filters, new to the cache
            cold.append((time.perf_counter() - started) * 1000)
            assert fresh.content.count(b"BEGIN:VEVENT") == listed
        transaction.set_rollback(True)
    print(f"feed of {listed} events, {len(response.content) // 1024} KB (budget 100 ms):")
    print(f"  from the cache: median {statistics.median(warm):.1f} ms, slowest {max(warm):.1f} ms")
    print(f"  built afresh:   median {statistics.median(cold):.1f} ms, slowest {max(cold):.1f} ms")


if __name__ == "__main__":
    main()
