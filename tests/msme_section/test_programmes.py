"""National programmes as an MSME and a policymaker meet them: finder, map, table."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from msme_section.models import NationalProgrammePage, ProgrammeFinderPage, ProgrammeIndexPage
from tests.msme_section.factories import NationalProgrammePageFactory, english, english_country

pytestmark = pytest.mark.django_db

FINDER = "/en/msmes/find-support/"
INDEX = "/en/policymakers/programmes/"


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def hrefs(response):
    return re.findall(r'href="([^"]+)"', response.content.decode())


def test_a_kenyan_small_firm_finds_support_from_the_home_page_in_three_clicks(client):
    home = client.get("/en/")
    assert "/en/msmes/" in hrefs(home)  # click 1: For MSMEs
    section = client.get("/en/msmes/")
    assert FINDER in hrefs(section)  # click 2: Find a support programme
    finder = client.get(FINDER)
    assert 'name="country"' in finder.content.decode()
    answer = client.get(FINDER, {"country": "KEN", "size": "small", "need": ""})  # click 3
    page = text_of(answer)
    assert "There are 2 programmes in Kenya for small firms." in page
    assert "Micro and Small Enterprises Authority (MSEA)" in page
    assert "Micro and Small Enterprises Development Fund" in page
    assert "https://msea.go.ke" in page


def test_the_finder_says_plainly_when_nothing_matches_and_offers_the_rest(client):
    page = text_of(client.get(FINDER, {"country": "KEN", "size": "medium"}))
    assert "We have not recorded a programme in Kenya for medium-sized firms." in page
    assert "Other programmes in Kenya" in page
    assert "Micro and Small Enterprises Development Fund" in page


def test_the_finder_matches_what_the_firm_needs(client):
    page = text_of(client.get(FINDER, {"country": "KEN", "need": "finance"}))
    assert "There is 1 programme in Kenya offering money (loans, guarantees or grants)." in page


def test_the_finder_asks_for_a_country_and_survives_hostile_input(client):
    missing = client.get(FINDER, {"size": "micro"})
    assert missing.status_code == 200
    assert "Choose the country where your business is based." in text_of(missing)
    for params in (
        {"country": "\x00", "size": "micro"},
        {"country": "KEN", "size": "<script>", "need": "x" * 5000},
        {"country": "' OR 1=1 --"},
    ):
        response = client.get(FINDER, params)
        assert response.status_code == 200, params
        assert "What we found" not in text_of(response)
    # A repeated parameter counts once (the last), as browsers and Django agree.
    assert "in Brazil" in text_of(client.get(FINDER, {"country": ["KEN", "BRA"]}))


def test_policymakers_see_which_countries_have_finance_programmes_for_micro_firms(client):
    response = client.get(INDEX, {"type": "finance", "size": "micro"})
    page = response.content.decode()
    assert 'data-iso3="IND"' in page  # CGTMSE: finance, micro and small
    assert 'data-iso3="AUS"' not in page  # only an export grant for small and medium firms
    table = page.split('id="country-table-caption"')[1].split("</table>")[0]
    assert "India" in table and "Australia" not in table


def test_countries_without_a_shape_are_listed_in_the_table(client):
    page = text_of(client.get(INDEX))
    table = page.split('id="country-table-caption"')[1].split("</table>")[0]
    assert "European Union" in table
    undrawn = page.split("Not drawn at this scale, listed in the table: ")[1].split(".")[0]
    assert "EUN" in undrawn.split(", ")
    assert '<svg viewBox="0 0 1000 500" role="img"' in page


def test_the_index_filters_by_region_and_country_and_ignores_bad_values(client):
    page = text_of(client.get(INDEX, {"region": "africa"}))
    assert "Kenya" in page and "Chile" not in page.split("Programmes by country")[1]
    page = text_of(client.get(INDEX, {"country": "ken"}))
    assert "2 programmes match." in page
    response = client.get(INDEX, {"country": "\x00", "region": "x" * 500, "page": "-1"})
    assert response.status_code == 200
    assert "were not recognised and were ignored" in text_of(response)
    assert "164 programmes match." in text_of(response)


def test_a_programme_page_says_who_it_is_for_and_where_it_was_checked(client):
    programme = english(NationalProgrammePage, title="Micro and Small Enterprises Development Fund")
    page = text_of(client.get(programme.url))
    assert "micro and small firms" in page
    assert "not yet checked by an editor" in page
    assert "No official website has been recorded for this programme yet." in page
    assert programme.source_url in page


def test_a_delegate_adds_a_programme_in_the_admin_and_sees_it_on_the_map(client):
    user = get_user_model().objects.create_superuser("delegate", "d@example.org", "pw")
    client.force_login(user)
    index = english(ProgrammeIndexPage)
    assert 'data-iso3="BDI"' not in client.get(INDEX).content.decode()
    data = nested_form_data(
        {
            "title": "Burundi export readiness grant",
            "slug": "npl-export-readiness-grant",
            "search_description": "Grants for first-time exporters.",
            "country": english_country("BDI").pk,
            "programme_type": "export-promotion",
            "agency": "Trade and Export Promotion Centre",
            "for_micro": "on",
            "for_small": "on",
            "eligibility": rich_text("<p>Registered firms.</p>"),
            "sectors": "",
            "link": "",
            "source_url": "",
            "last_verified": "",
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/msme_section/nationalprogrammepage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert NationalProgrammePage.objects.get(slug="npl-export-readiness-grant").live
    client.logout()
    page = client.get(INDEX).content.decode()
    assert 'data-iso3="BDI"' in page
    assert "Burundi" in page.split('id="country-table-caption"')[1]


def test_drafts_are_not_shown(client):
    index = english(ProgrammeIndexPage)
    NationalProgrammePageFactory(parent=index, title="Hidden draft programme", live=False)
    assert "Hidden draft programme" not in client.get(INDEX, {"country": "KEN"}).content.decode()


def test_page_types_stand_where_the_design_puts_them():
    from msme_section.models import MSMESectionPage
    from policymaker_section.models import PolicymakerSectionPage

    assert ProgrammeIndexPage.can_create_at(Page()) is False
    assert ProgrammeIndexPage in PolicymakerSectionPage.allowed_subpage_models()
    assert ProgrammeFinderPage in MSMESectionPage.allowed_subpage_models()
    assert NationalProgrammePage.allowed_parent_page_models() == [ProgrammeIndexPage]


@pytest.mark.parametrize("path", [FINDER, INDEX])
def test_only_countries_with_a_programme_are_offered_with_their_counts(client, path):
    html = client.get(path).content.decode()
    select = html.split('name="country"', 1)[1].split("</select>", 1)[0]
    offered = dict(re.findall(r'<option value="([A-Z]{3})"[^>]*>([^<]+)</option>', select))
    live = NationalProgrammePage.objects.live().filter(locale__language_code="en")
    counts = {}
    for iso3 in live.values_list("country__iso3", flat=True):
        counts[iso3] = counts.get(iso3, 0) + 1
    assert set(offered) == set(counts)  # 87 economies, not the 189 of the country list
    assert offered["KEN"] == f"Kenya ({counts['KEN']})"
