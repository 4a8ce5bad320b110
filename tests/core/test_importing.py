"""The CSV import layer: clean files import idempotently, bad files write nothing."""

import pytest
from django.core.management import CommandError, call_command

from msme_platform.core.importing import CountryImporter, ImportFileError, RegionImporter
from msme_platform.core.models import Country, Region
from msme_platform.core.starter import STARTER_DATA

pytestmark = pytest.mark.django_db

HEADER = "iso3,name,wto_status,wto_member_since,region,ldc,verification,source_url,note\r\n"


def csv_bytes(*rows):
    return (HEADER + "".join(row + "\r\n" for row in rows)).encode()


def test_starter_countries_are_imported_with_their_facts():
    assert Country.objects.filter(locale__language_code="en").count() == 189
    kenya = Country.objects.get(iso3="KEN", locale__language_code="en")
    assert kenya.region.name == "Africa"
    assert kenya.wto_status == "member"
    assert kenya.source_url.startswith("https://")
    taipei = Country.objects.get(iso3="TWN", locale__language_code="en")
    assert taipei.name == "Chinese Taipei"
    assert taipei.wto_member_since is None


def test_year_only_dates_keep_the_year_without_inventing_a_day():
    plan = CountryImporter().read(
        csv_bytes("QQA,Testland,member,1996,Africa,no,status and year verified,,")
    )
    plan.apply()
    country = Country.objects.get(iso3="QQA")
    assert (country.wto_member_since, country.wto_member_since_year) == (None, 1996)


def test_importing_the_same_file_twice_changes_nothing():
    plan = CountryImporter().read(STARTER_DATA / "countries.csv")
    assert plan.summary == {"create": 0, "update": 0, "unchanged": 189}


def test_a_changed_row_is_an_update_and_the_rest_unchanged():
    plan = CountryImporter().read(
        csv_bytes(
            "KEN,Kenya (renamed for the test),member,1995-01-01,Africa,no,,https://example.org/,",
            "QQB,Newland,observer,,Asia,yes,,,",
        )
    )
    assert plan.summary == {"create": 1, "update": 1, "unchanged": 0}
    plan.apply()
    assert Country.objects.get(iso3="KEN", locale__language_code="en").name.endswith("test)")
    assert Country.objects.get(iso3="QQB").is_ldc is True


def test_bad_rows_are_reported_by_line_and_column_and_nothing_is_written():
    before = Country.objects.count()
    data = csv_bytes(
        "QQC,Goodland,member,1995-01-01,Africa,no,,,",
        "QQD,Badland,member,01/01/1995,Atlantis,maybe,,not-a-url,",
        "qq,Lowercase,member,,Africa,no,,,",
        ",Nameless,member,,Africa,no,,,",
    )
    with pytest.raises(ImportFileError) as caught:
        CountryImporter().read(data, name="countries.csv")
    messages = [str(error) for error in caught.value.errors]
    assert any(m.startswith("countries.csv, line 3, column 'wto_member_since'") for m in messages)
    assert any("line 3, column 'ldc'" in m for m in messages)
    assert any("line 3, column 'source_url'" in m for m in messages)
    assert any("line 4, column 'iso3'" in m for m in messages)
    assert any("line 5, column 'iso3': a value is required" in m for m in messages)
    assert Country.objects.count() == before
    assert not Country.objects.filter(iso3="QQC").exists()


def test_unknown_region_is_reported_after_other_cells_are_valid():
    with pytest.raises(ImportFileError) as caught:
        CountryImporter().read(csv_bytes("QQE,Oceanland,member,1995,Oceania,no,,,"))
    assert "line 2, column 'region': unknown region 'Oceania'" in str(caught.value)


def test_missing_column_and_duplicate_keys_are_reported():
    with pytest.raises(ImportFileError) as caught:
        RegionImporter().read(b"code\r\nafrica\r\n", name="regions.csv")
    assert "regions.csv, line 1, column 'name': this column is missing" in str(caught.value)
    with pytest.raises(ImportFileError) as caught:
        RegionImporter().read(b"code,name\r\noceania,Oceania\r\noceania,Oceania again\r\n")
    assert "line 3, column 'code': duplicates line 2" in str(caught.value)


def test_a_file_that_is_not_utf8_is_refused_with_its_line():
    data = csv_bytes("QQF,Ok,member,,Africa,no,,,") + "QQG,Caf\xe9,member,,Africa,no,,,\r\n".encode(
        "latin-1"
    )
    with pytest.raises(ImportFileError) as caught:
        CountryImporter().read(data, name="latin1.csv")
    assert "latin1.csv, line 3: the file is not UTF-8" in str(caught.value)


def test_row_with_too_many_cells_is_reported():
    with pytest.raises(ImportFileError) as caught:
        RegionImporter().read(b"code,name\r\noceania,Oceania,extra\r\n")
    assert "line 2: this row has more cells than the header" in str(caught.value)


def test_import_command_reports_errors_and_writes_nothing(tmp_path):
    bad = tmp_path / "regions.csv"
    bad.write_text("code,name\r\nNot A Slug,Somewhere\r\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2, column 'code'"):
        call_command("import_csv", "regions", str(bad))
    assert not Region.objects.filter(name="Somewhere").exists()


def test_import_command_dry_run_then_real_run(tmp_path, capsys):
    good = tmp_path / "regions.csv"
    good.write_text("code,name\r\noceania,Oceania\r\n", encoding="utf-8")
    call_command("import_csv", "regions", str(good), "--dry-run")
    assert "1 would be created" in capsys.readouterr().out
    assert not Region.objects.filter(slug="oceania").exists()
    call_command("import_csv", "regions", str(good))
    assert Region.objects.filter(slug="oceania").exists()
