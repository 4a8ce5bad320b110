"""The section's data sets through the shared import layer: all or nothing, idempotent."""

import pytest
from django.core.management import call_command

from msme_platform.core.importing import ImportFileError
from msme_platform.core.starter import STARTER_DATA
from msme_section.importers import ProgrammeImporter, ResourceImporter, StudyImporter
from msme_section.models import NationalProgrammePage, Resource, StudyPage

pytestmark = pytest.mark.django_db

PROGRAMME_HEADER = "country,name,agency,programme_type,target,url,source_url,note\r\n"


def test_the_starter_files_are_all_imported_and_importing_again_changes_nothing():
    assert ProgrammeImporter().read(STARTER_DATA / "national_programmes.csv").summary == {
        "create": 0,
        "update": 0,
        "unchanged": 164,
    }
    assert StudyImporter().read(STARTER_DATA / "studies.csv").summary["unchanged"] == 51
    assert ResourceImporter().read(STARTER_DATA / "resources.csv").summary["unchanged"] == 22


def test_a_bad_programme_file_names_each_problem_and_writes_nothing(tmp_path):
    before = NationalProgrammePage.objects.count()
    path = tmp_path / "programmes.csv"
    path.write_text(
        PROGRAMME_HEADER
        + "ZZZ,Fund,Agency,finance,micro,,,\r\n"
        + "KEN,Good fund,Agency,finance,micro,,,\r\n"
        + "KEN,Odd fund,Agency,grants,huge,notaurl,,\r\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError) as raised:
        ProgrammeImporter().read(path)
    messages = [str(error) for error in raised.value.errors]
    assert any("line 2, column 'country'" in message for message in messages)
    assert any("line 4, column 'programme_type'" in message for message in messages)
    assert any("line 4, column 'target'" in message for message in messages)
    assert any("line 4, column 'url'" in message for message in messages)
    assert NationalProgrammePage.objects.count() == before


def test_a_new_programme_row_becomes_a_live_page_and_an_edited_row_updates_it(tmp_path):
    path = tmp_path / "programmes.csv"
    path.write_text(
        PROGRAMME_HEADER + "NPL,Export starter grant,Trade Centre,export promotion,all,,,\r\n",
        encoding="utf-8",
    )
    assert ProgrammeImporter().read(path).apply()["create"] == 1
    programme = NationalProgrammePage.objects.get(title="Export starter grant")
    assert programme.live and programme.for_micro and programme.for_medium
    path.write_text(
        PROGRAMME_HEADER + "NPL,Export starter grant,Trade Centre,export promotion,micro,,,\r\n",
        encoding="utf-8",
    )
    plan = ProgrammeImporter().read(path)
    assert plan.summary["update"] == 1
    plan.apply()
    programme.refresh_from_db()
    assert programme.for_micro and not programme.for_medium


def test_a_resource_with_an_unseen_address_is_refused(tmp_path):
    path = tmp_path / "resources.csv"
    path.write_text(
        "name,organisation,url,url_seen,description,audience,source_url\r\n"
        "Tool,Org,https://tool.example,no,What it does.,msme,\r\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError) as raised:
        ResourceImporter().read(path)
    assert "column 'url_seen'" in str(raised.value)
    assert not Resource.objects.filter(name="Tool").exists()


def test_the_dedicated_commands_run_the_import_layer(capsys):
    call_command("import_programmes", "--dry-run")
    call_command("import_studies", "--dry-run")
    call_command("import_resources", "--dry-run")
    out = capsys.readouterr().out
    assert "national_programmes.csv: 0 would be created, 0 would be updated, 164 unchanged." in out
    assert "studies.csv: 0 would be created" in out
    assert StudyPage.objects.filter(locale__language_code="en").count() == 51
