"""What a policymaker does with the databases: filter, compare, download, follow a link."""

import csv
import io
import json

import pytest

from policymaker_section.models import AgreementPage, Provision, TPREntryPage

pytestmark = pytest.mark.django_db

AGREEMENTS = "/en/policymakers/trade-agreements/"
PROVISIONS = AGREEMENTS + "provisions/"
TPRS = "/en/policymakers/trade-policy-reviews/"


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_agreements_in_force_with_an_sme_committee_involving_a_country(client):
    response = client.get(
        AGREEMENTS, {"party": "JPN", "category": "INST_COMMITTEE", "in_force": "1"}
    )
    assert response.status_code == 200
    found = {a.code for a in response.context["results"]}
    expected = set(
        AgreementPage.objects.live()
        .filter(locale__language_code="en", parties__iso3="JPN", in_force=True)
        .filter(provisions__category__code="INST_COMMITTEE")
        .values_list("code", flat=True)
    )
    assert found == expected and "cptpp" in found
    assert "tpp" not in found  # signed, never in force
    assert response.context["total"] == len(found)


def test_filters_combine_and_facets_count_what_each_choice_would_give(client):
    response = client.get(PROVISIONS, {"party": "JPN"})
    facets = {facet.name: facet for facet in response.context["facets"]}
    japan = AgreementPage.objects.live().filter(locale__language_code="en", parties__iso3="JPN")
    per_category = {}
    for provision in Provision.objects.filter(page__in=japan).select_related("category"):
        per_category[provision.category.code] = per_category.get(provision.category.code, 0) + 1
    shown = {o.value: o.count for o in facets["category"].options}
    assert shown == per_category
    assert response.context["total"] == sum(per_category.values())
    # Choosing a category keeps the other categories' counts (a choice within a facet is "or").
    narrowed = client.get(PROVISIONS, {"party": "JPN", "category": "INFO_WEB"})
    assert narrowed.context["total"] == per_category["INFO_WEB"]
    assert {o.value: o.count for o in narrowed.context["facets"][0].options} == per_category


def test_free_text_finds_provisions_by_their_summary(client):
    response = client.get(PROVISIONS, {"q": "dispute settlement"})
    results = list(response.context["results"])
    assert results
    assert all(
        "dispute" in (p.summary + p.article + p.chapter).lower()
        and "settlement" in (p.summary + p.article + p.chapter).lower()
        for p in results
    )


def test_year_range_and_type_filter_agreements(client):
    response = client.get(AGREEMENTS, {"from": "2019", "to": "2020", "type": "FTA & EIA"})
    years = {a.year for a in response.context["results"]}
    assert years and years <= {2019, 2020}


def test_sorting_and_pagination_keep_the_filters(client):
    response = client.get(PROVISIONS, {"sort": "-eif", "page": "2"})
    assert response.context["results"].number == 2
    html = response.content.decode()
    assert "sort=-eif&amp;page=3" in html or "sort=-eif&amp;page=1" in html
    years = [p.agreement.year or 0 for p in response.context["results"]]
    assert years == sorted(years, reverse=True) or None in years


@pytest.mark.parametrize(
    "query",
    [
        "party=%3Cscript%3Ealert(1)%3C/script%3E",
        "from=abc&to=99999999999999999999",
        "category=%27%20OR%201%3D1--&intensity=nonsense&type=XYZ",
        "sort=drop&page=-1",
        "page=999999",
        "q=" + "x" * 5000,
        "party=jpn&party=JPN&region=%00",
        "in_force=maybe&from=2030&to=2000",
    ],
)
@pytest.mark.parametrize("path", [AGREEMENTS, PROVISIONS, TPRS, AGREEMENTS + "compare/"])
def test_nonsense_and_hostile_parameters_never_break_a_list(client, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


def test_ignored_parameters_are_explained(client):
    response = client.get(AGREEMENTS, {"from": "abc", "sort": "evil"})
    html = response.content.decode()
    assert "is not a year between" in html
    assert "Unknown sort order" in html


def test_a_provision_short_address_leads_to_its_page(client):
    provision = Provision.objects.filter(
        page__code="cptpp", page__locale__language_code="en"
    ).first()
    response = client.get(f"{PROVISIONS}{provision.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"/en/policymakers/trade-agreements/cptpp/provisions/{provision.pk}/"
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert provision.summary in page.content.decode()
    assert client.get(f"{PROVISIONS}99999999/").status_code == 404


def test_agreement_page_shows_unverified_facts_as_such(client):
    html = client.get(AGREEMENTS + "cptpp/").content.decode()
    assert "2018-12-30" in html or "Dec. 30, 2018" in html
    assert "id not verified" in html
    assert "legal intensity not assessed" in html


def test_compare_aligns_provisions_by_category(client):
    response = client.get(AGREEMENTS + "compare/", {"a": ["cptpp", "usmca"]})
    assert [a.code for a in response.context["chosen"]] == ["cptpp", "usmca"]
    rows = {code: cells for (code, _name), cells in response.context["rows"]}
    assert "INST_COMMITTEE" in rows
    assert all(len(cells) == 2 for cells in rows.values())
    cptpp_codes = {c for c, cells in rows.items() if cells[0]}
    assert cptpp_codes == set(
        Provision.objects.filter(page__code="cptpp", page__locale__language_code="en").values_list(
            "category__code", flat=True
        )
    )


def test_compare_explains_too_few_unknown_or_too_many(client):
    html = client.get(AGREEMENTS + "compare/", {"a": "cptpp"}).content.decode()
    assert "Choose two or three agreements" in html
    html = client.get(AGREEMENTS + "compare/", {"a": ["cptpp", "nope"]}).content.decode()
    assert "No agreement with the code nope" in html
    response = client.get(AGREEMENTS + "compare/", {"a": ["cptpp", "usmca", "rcep", "depa"]})
    assert len(response.context["chosen"]) == 3
    assert "Up to three agreements" in response.content.decode()


def test_csv_download_applies_the_same_filters(client):
    query = {"party": "JPN", "category": "INST_COMMITTEE", "in_force": "1"}
    listed = {a.code for a in client.get(AGREEMENTS, query).context["results"]}
    response = client.get(AGREEMENTS + "export/csv/", query)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert {row["code"] for row in rows} == listed
    assert rows[0]["url"].startswith("http")


def test_provision_csv_and_json_have_stable_ids_and_permalinks(client):
    rows = csv_rows(client.get(PROVISIONS + "export/csv/", {"category": "INFO_WEB"}))
    assert rows and all(row["category_code"] == "INFO_WEB" for row in rows)
    assert rows[0]["permalink"].endswith(f"#provision-{rows[0]['provision_id']}")
    data = json.loads(client.get(PROVISIONS + "export/json/", {"category": "INFO_WEB"}).content)
    assert data["count"] == len(rows)
    assert "summary" in data["columns"]
    assert {r["provision_id"] for r in data["results"]} == {int(r["provision_id"]) for r in rows}


def test_each_agreement_and_review_has_a_json_representation(client):
    agreement = json.loads(client.get(AGREEMENTS + "cptpp/json/").content)
    assert agreement["code"] == "cptpp" and "JPN" in agreement["parties"].split(";")
    assert agreement["provisions"] and "permalink" in agreement["provisions"][0]
    review = json.loads(client.get(TPRS + "chn-2024/json/").content)
    assert review["secretariat_report_symbol"] == "WT/TPR/S/458"


def test_unknown_export_format_is_a_404(client):
    assert client.get(AGREEMENTS + "export/xml/").status_code == 404
    assert client.get(TPRS + "export/pdf/").status_code == 404


def test_open_data_page_documents_every_column(client):
    html = client.get(AGREEMENTS + "open-data/").content.decode()
    for column in ("provision_id", "legal_intensity", "secretariat_report_symbol", "permalink"):
        assert f"<code>{column}</code>" in html


def test_tpr_index_filters_by_member_year_topic_and_text(client):
    response = client.get(TPRS, {"member": "CHN"})
    assert {e.code for e in response.context["results"]} >= {"chn-2024", "chn-2021"}
    response = client.get(TPRS, {"from": "2024", "to": "2024"})
    assert response.context["results"] and all(e.year == 2024 for e in response.context["results"])
    response = client.get(TPRS, {"topic": "public-procurement"})
    assert "chn-2024" in {e.code for e in response.context["results"]}
    response = client.get(TPRS, {"q": "WT/TPR/S/458"})
    assert [e.code for e in response.context["results"]] == ["chn-2024"]
    rows = csv_rows(client.get(TPRS + "export/csv/", {"member": "CHN"}))
    assert {row["code"] for row in rows} >= {"chn-2024", "chn-2021"}


def test_tpr_entry_says_what_was_not_verified(client):
    html = client.get(TPRS + "chn-2021/").content.decode()
    assert "not verified" in html
    planned = TPREntryPage.objects.filter(coverage_verified="planned").first()
    if planned:
        assert "report content not checked" in client.get(planned.url).content.decode()


def test_country_profile_lists_its_agreements_and_reviews(client):
    html = client.get("/en/countries/chn/").content.decode()
    assert "Regional trade agreements with MSME provisions" in html
    assert "RCEP" in html
    assert "MSMEs in its Trade Policy Reviews" in html
    assert "WT/TPR/S/458" in html


def test_lists_work_in_french_with_the_french_tree(client):
    response = client.get("/fr/policymakers/trade-agreements/provisions/")
    assert response.status_code == 200
    assert response.context["total"] == 320


@pytest.mark.parametrize("path", [AGREEMENTS, PROVISIONS])
def test_a_facet_that_cannot_narrow_the_list_is_not_offered(client, path):
    # No starter provision has been assessed for legal intensity: every one is "not
    # assessed", so the facet would offer one choice that changes nothing.
    assert not Provision.objects.exclude(legal_intensity="").exists()
    names = {facet.name for facet in client.get(path).context["facets"]}
    assert "intensity" not in names and "category" in names
    assert b"Legal intensity" not in client.get(path).content
    # Once a delegate assesses one, the choice means something and is offered.
    provision = Provision.objects.filter(page__locale__language_code="en").first()
    provision.legal_intensity = "binding"
    provision.save()
    facets = {facet.name: facet for facet in client.get(path).context["facets"]}
    assert {o.value for o in facets["intensity"].options} == {"binding", "none"}
