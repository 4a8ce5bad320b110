import pytest

from msme_platform.core.profiles import _SECTIONS, ProfileSection, register_profile_section
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def test_country_index_lists_countries_by_region(client):
    html = client.get("/en/countries/", {"view": "regions"}).content.decode()
    assert 'id="africa"' not in html  # anchors are prefixed
    assert 'id="region-africa"' in html
    assert 'href="/en/countries/ken/">Kenya</a>' in html
    assert html.count('href="/en/countries/') >= 189


def test_country_profile_shows_sourced_wto_facts(client):
    html = client.get("/en/countries/ken/").content.decode()
    assert "<h1>Kenya</h1>" in html
    assert "Africa" in html
    assert "WTO member (since Jan. 1, 1995)" in html
    assert 'href="https://' in html.split("Source:", 1)[1]


def test_french_country_profile_falls_back_to_the_english_record(client):
    response = client.get("/fr/countries/ken/")
    assert response.status_code == 200
    assert "Kenya" in response.content.decode()


@pytest.mark.parametrize("code", ["zzz", "ke", "kenya", "KEN%00", "../../etc"])
def test_unknown_or_malformed_country_codes_are_404(client, code):
    assert client.get(f"/en/countries/{code}/").status_code == 404


def test_registered_sections_appear_on_the_profile_and_empty_ones_do_not(client):
    register_profile_section(
        ProfileSection(
            key="test-notes",
            title="Test notes",
            template="components/notice.html",
            items=lambda country, locale_id: ["x"] if country.iso3 == "KEN" else [],
        )
    )
    try:
        assert "Test notes" in client.get("/en/countries/ken/").content.decode()
        assert "Test notes" not in client.get("/en/countries/uga/").content.decode()
    finally:
        _SECTIONS.pop("test-notes")


def test_country_pages_stay_within_the_query_budget(client):
    for path in ("/en/countries/", "/en/countries/ken/", "/fr/countries/ken/"):
        client.get(path)
        assert count_queries(lambda path=path: client.get(path)) <= 15, path
