"""Importing the agreements, provisions, categories and reviews: counts, idempotence, errors."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from msme_platform.core.importing import IMPORTERS, ImportFileError
from msme_platform.core.starter import STARTER_DATA, load_starter_content
from policymaker_section.models import (
    AgreementPage,
    Provision,
    ProvisionCategory,
    TPREntryPage,
)

pytestmark = pytest.mark.django_db

AGREEMENT_HEADER = (
    "agreement_id,name,short_name,type,parties,signature_date,entry_into_force_date,status,"
    "has_sme_chapter,sme_chapter_number,sme_chapter_title,wto_rta_id,source_url,extra_sources,note"
)
GOOD_AGREEMENT = (
    "test-fta,Test Free Trade Agreement,TFTA,FTA,CHL;JPN,2020-01-02,2021,in force,yes,12,"
    "SMEs,,https://example.org/tfta,,Made up for a test"
)


def write(tmp_path, name, *lines):
    path = tmp_path / name
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def english(model):
    return model.objects.filter(locale__language_code="en")


def test_starter_content_holds_every_record_of_the_starter_files():
    assert english(ProvisionCategory).count() == 25
    assert english(AgreementPage).live().count() == 133
    assert Provision.objects.filter(page__locale__language_code="en").count() == 320
    assert english(TPREntryPage).live().count() == 31


def test_loading_the_starter_content_again_changes_nothing():
    before = {
        "pages": AgreementPage.objects.count(),
        "provisions": list(Provision.objects.order_by("pk").values_list("pk", "summary")),
    }
    lines = []
    load_starter_content(report=lines.append)
    imports = [line for line in lines if line.startswith(("rta_", "tpr_"))]
    assert len(imports) == 4
    assert all("0 created, 0 updated" in line for line in imports), imports
    assert AgreementPage.objects.count() == before["pages"]
    assert (
        list(Provision.objects.order_by("pk").values_list("pk", "summary")) == before["provisions"]
    )


def test_unverified_facts_stay_empty_rather_than_guessed():
    cptpp = AgreementPage.objects.get(code="cptpp", locale__language_code="en")
    assert cptpp.wto_rta_id is None  # no RTA-IS id was verified for any agreement
    assert cptpp.entry_into_force_date.isoformat() == "2018-12-30"
    unverified = english(AgreementPage).filter(
        entry_into_force_date__isnull=True, entry_into_force_year__isnull=True
    )
    assert unverified.exists()
    assert all(not a.in_force or a.status.startswith("in force") for a in english(AgreementPage))
    china_2021 = TPREntryPage.objects.get(code="chn-2021", locale__language_code="en")
    assert china_2021.secretariat_report_symbol == ""


def test_a_joint_review_names_both_members():
    joint = TPREntryPage.objects.filter(members__iso3="LIE", locale__language_code="en").first()
    assert joint is not None
    assert {c.iso3 for c in joint.members.all()} == {"CHE", "LIE"}


def test_a_new_agreement_file_creates_a_published_page(tmp_path):
    path = write(tmp_path, "a.csv", AGREEMENT_HEADER, GOOD_AGREEMENT)
    call_command("import_agreements", str(path))
    page = AgreementPage.objects.get(code="test-fta", locale__language_code="en")
    assert page.live
    assert page.entry_into_force_year == 2021 and page.entry_into_force_date is None
    assert {c.iso3 for c in page.parties.all()} == {"CHL", "JPN"}
    assert page.get_latest_revision() is not None
    # Idempotent: the same file again is all unchanged.
    plan = IMPORTERS["agreements"]().read(path)
    assert plan.summary == {"create": 0, "update": 0, "unchanged": 1}


def test_dry_run_writes_nothing(tmp_path, capsys):
    path = write(tmp_path, "a.csv", AGREEMENT_HEADER, GOOD_AGREEMENT)
    call_command("import_agreements", str(path), "--dry-run")
    assert "1 would be created" in capsys.readouterr().out
    assert not AgreementPage.objects.filter(code="test-fta").exists()


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (GOOD_AGREEMENT.replace("2020-01-02", "2020-13-45"), "signature_date", "YYYY-MM-DD"),
        (GOOD_AGREEMENT.replace("CHL;JPN", "CHL;XXZ"), "parties", "XXZ"),
        (GOOD_AGREEMENT.replace(",FTA,", ",ZZZ,"), "type", "expected one of"),
        (GOOD_AGREEMENT.replace(",yes,12", ",maybe,12"), "has_sme_chapter", "yes, no"),
        (GOOD_AGREEMENT.replace("https://example.org/tfta", "example"), "source_url", "http"),
    ],
)
def test_a_bad_cell_is_reported_with_file_line_and_column(tmp_path, row, column, words):
    path = write(
        tmp_path, "bad.csv", AGREEMENT_HEADER, GOOD_AGREEMENT.replace("test-fta", "ok-fta"), row
    )
    with pytest.raises(ImportFileError) as caught:
        IMPORTERS["agreements"]().read(path)
    [error] = caught.value.errors
    assert (error.file, error.line, error.column) == ("bad.csv", 3, column)
    assert words in error.message
    assert not AgreementPage.objects.filter(code__in=["ok-fta", "test-fta"]).exists()


def test_a_missing_column_is_refused_before_reading_rows(tmp_path):
    header = AGREEMENT_HEADER.replace(",status", "")
    row = GOOD_AGREEMENT.replace(",in force", "")
    path = write(tmp_path, "a.csv", header, row)
    with pytest.raises(CommandError) as caught:
        call_command("import_agreements", str(path))
    assert "line 1, column 'status': this column is missing" in str(caught.value)


def test_a_duplicate_row_is_refused_and_nothing_is_written(tmp_path):
    path = write(tmp_path, "a.csv", AGREEMENT_HEADER, GOOD_AGREEMENT, GOOD_AGREEMENT)
    with pytest.raises(ImportFileError) as caught:
        IMPORTERS["agreements"]().read(path)
    assert "line 3, column 'agreement_id': duplicates line 2" in str(caught.value)
    assert not AgreementPage.objects.filter(code="test-fta").exists()


def test_provisions_join_their_agreement_and_its_latest_revision(tmp_path):
    call_command(
        "import_agreements", str(write(tmp_path, "a.csv", AGREEMENT_HEADER, GOOD_AGREEMENT))
    )
    path = write(
        tmp_path,
        "p.csv",
        "agreement_id,chapter,article,category_code,note,source_url",
        "test-fta,12 SMEs,12.1 Information Sharing,INFO_WEB,Each party runs a website.,",
        "test-fta,12 SMEs,12.2 Committee,INST_COMMITTEE,A committee on SMEs.,",
    )
    call_command("import_provisions", str(path))
    page = AgreementPage.objects.get(code="test-fta", locale__language_code="en")
    assert [p.article for p in page.provisions.order_by("sort_order")] == [
        "12.1 Information Sharing",
        "12.2 Committee",
    ]
    # The admin edits the latest revision: it must hold the imported rows too.
    revision_page = page.get_latest_revision_as_object()
    assert len(revision_page.provisions.all()) == 2
    assert IMPORTERS["provisions"]().read(path).summary["unchanged"] == 2


def test_a_provision_of_an_unknown_agreement_or_category_is_explained(tmp_path):
    path = write(
        tmp_path,
        "p.csv",
        "agreement_id,chapter,article,category_code,note,source_url",
        "no-such-agreement,1,1.1,INFO_WEB,Text.,",
        "cptpp,1,1.1,NO_SUCH_CATEGORY,Text.,",
    )
    with pytest.raises(ImportFileError) as caught:
        IMPORTERS["provisions"]().read(path)
    errors = {(e.line, e.column) for e in caught.value.errors}
    assert errors == {(2, "agreement_id"), (3, "category_code")}


def test_a_review_symbol_must_look_like_a_symbol(tmp_path):
    header = (STARTER_DATA / "tpr_entries.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    path = write(
        tmp_path,
        "t.csv",
        header,
        "CHL,Chile,2021,WT/TPR/S/999,guessed,2021-01-01,finance,yes,Test.,,",
    )
    with pytest.raises(ImportFileError) as caught:
        IMPORTERS["tpr_entries"]().read(path)
    [error] = caught.value.errors
    assert error.column == "government_report_symbol"


def test_a_category_edited_in_the_csv_is_updated_in_place(tmp_path):
    lines = (
        (STARTER_DATA / "rta_provision_categories.csv").read_text(encoding="utf-8-sig").splitlines()
    )
    lines[1] = lines[1].replace("SME reference in preamble", "SME mention in preamble")
    path = write(tmp_path, "c.csv", *lines)
    plan = IMPORTERS["provision_categories"]().read(path)
    assert plan.summary == {"create": 0, "update": 1, "unchanged": 24}
    plan.apply()
    assert english(ProvisionCategory).get(code="PREAMBLE").name.startswith("SME mention")
