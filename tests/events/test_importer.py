"""events.csv through the shared import layer: honest dates, clear errors, nothing lost."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.enums import EventType
from events.importers import EventImporter
from events.models import EventPage
from msme_platform.core.importing import ImportFileError
from msme_platform.core.starter import STARTER_DATA, load_starter_content

pytestmark = pytest.mark.django_db

HEADER = "title,start_date,end_date,event_type,location,organiser,url,source_url,note\n"


def test_the_starter_content_holds_every_event_of_the_data_set(index):
    events = EventPage.objects.child_of(index)
    rows = (STARTER_DATA / "events.csv").read_text(encoding="utf-8").count("\n") - 1
    assert events.count() == rows == 36
    mc11 = events.get(title__startswith="MC11 Joint Ministerial Statement")
    assert mc11.time_zone == "America/Argentina/Buenos_Aires"
    assert mc11.country.iso3 == "ARG"
    assert mc11.start_date == datetime.date(2017, 12, 13)
    assert mc11.start_time is None  # the source gives no time; none is invented


def test_a_month_without_a_verified_day_stays_a_month(index):
    first = EventPage.objects.child_of(index).get(
        title="First meeting of the Informal Working Group on MSMEs"
    )
    assert first.month_only
    assert first.event_type == EventType.GROUP_MEETING
    assert first.starts_at == datetime.datetime(2018, 2, 28, 23, 0, tzinfo=datetime.UTC)
    assert first.ends_at == datetime.datetime(2018, 3, 31, 22, 0, tzinfo=datetime.UTC)


def test_loading_again_changes_nothing(index):
    before = {page.pk: page.latest_revision_id for page in EventPage.objects.all()}
    lines = []
    load_starter_content(report=lines.append)
    after = {page.pk: page.latest_revision_id for page in EventPage.objects.all()}
    assert before == after
    assert "events.csv: 0 created, 0 updated, 36 unchanged" in lines


def test_bad_rows_are_reported_by_line_and_column_and_nothing_is_written(index, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(
        HEADER
        + "Good row,2031-01-05,,workshop,Online,Someone,,,\n"
        + "Ends before it starts,2031-02-05,2031-02-01,workshop,,,,,\n"
        + "Impossible month,2031-13,,meeting,,,,,\n"
        + "Unknown type,2031-03-01,,party,,,,,\n"
        + "Not a link,2031-03-01,,webinar,,,ftp://example.org,,\n",
        encoding="utf-8",
    )
    count = EventPage.objects.count()
    with pytest.raises(ImportFileError) as error:
        EventImporter(parent=index).read(path)
    messages = [str(problem) for problem in error.value.errors]
    assert messages[0].startswith("events.csv, line 3, column 'end_date'")
    assert "line 4, column 'start_date'" in messages[1]
    assert "line 5, column 'event_type'" in messages[2]
    assert "line 6, column 'url'" in messages[3]
    assert EventPage.objects.count() == count
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_csv", "events", str(path))


def test_the_import_command_previews_then_imports(index, tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "A new webinar,2031-01-05,,webinar,Online,Someone,,,\n")
    call_command("import_csv", "events", str(path), "--dry-run")
    assert "1 would be created" in capsys.readouterr().out
    assert not EventPage.objects.filter(title="A new webinar").exists()
    call_command("import_csv", "events", str(path))
    event = EventPage.objects.get(title="A new webinar")
    assert event.live and event.is_online and event.venue == ""
