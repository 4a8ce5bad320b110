"""Studies: one record, shown in both sections, filterable, with sourced key figures."""

import re

import pytest

from msme_section.models import StudyIndexPage, StudyPage
from tests.msme_section.factories import StudyPageFactory, english

pytestmark = pytest.mark.django_db

MSME_INDEX = "/en/msmes/studies/"
POLICY_INDEX = "/en/policymakers/studies/"
FINANCE_GAP = "An Updated Estimation and Evolution of the MSME Finance Gap"


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def titles(response):
    pattern = r'<h2 class="card__title[^"]*"><a href="[^"]+">([^<]+)</a>'
    return re.findall(pattern, text_of(response))


def test_both_sections_list_the_same_study_records(client):
    msme = client.get(MSME_INDEX, {"type": "database"})
    policy = client.get(POLICY_INDEX, {"type": "database"})
    assert titles(msme) == titles(policy)
    assert "World Bank Enterprise Surveys" in titles(msme)
    study = english(StudyPage, title="World Bank Enterprise Surveys")
    assert study.url in text_of(policy)
    # One English record plus its French and Spanish translations: nothing entered twice.
    assert StudyPage.objects.filter(translation_key=study.translation_key).count() == 3


def test_filters_by_topic_organisation_and_year(client):
    finance = titles(client.get(MSME_INDEX, {"topic": "access-to-finance"}))
    assert any(FINANCE_GAP in title for title in finance)
    assert not any("World Trade Report 2016" in title for title in finance)
    itc_2016 = titles(
        client.get(MSME_INDEX, {"organisation": "International Trade Centre (ITC)", "year": "2016"})
    )
    assert itc_2016 == ["SME Competitiveness Outlook 2016: Meeting the Standard for Trade"]
    assert "1 study." in text_of(
        client.get(MSME_INDEX, {"organisation": "International Trade Centre (ITC)", "year": "2016"})
    )


def test_hostile_filters_are_reported_not_fatal(client):
    for params in (
        {"year": "abc"},
        {"topic": "\x00"},
        {"organisation": "x" * 3000},
        {"type": "<b>"},
        {"page": "9999"},
    ):
        response = client.get(MSME_INDEX, params)
        assert response.status_code == 200, params
    assert "were not recognised" in text_of(client.get(MSME_INDEX, {"year": "abc"}))


def test_free_topics_become_platform_topics_countries_or_keywords():
    outlook = english(StudyPage, title__startswith="SME Competitiveness Outlook 2016")
    assert [topic.slug for topic in outlook.topics.all()] == ["standards"]
    assert "SME competitiveness" in [tag.name for tag in outlook.tags.all()]
    thailand = english(StudyPage, title__startswith="Thailand: Key Issues")
    assert [country.iso3 for country in thailand.countries.all()] == ["THA"]


def test_a_study_page_shows_key_figures_with_year_and_source(client):
    study = english(StudyPage, title__startswith=FINANCE_GAP)
    page = text_of(client.get(study.url))
    assert "USD 5.7 trillion" in page and "(2019)" in page
    assert "https://smefinanceforum.org/data-sites/ifc-enterprise-finance-gap" in page
    assert "Go to the publication" in page


def test_a_study_without_a_link_says_so(client):
    index = english(StudyIndexPage, url_path="/home/msmes/studies/")
    study = StudyPageFactory(parent=index, link="")
    page = text_of(client.get(study.url))
    assert "No link to the full text has been recorded yet" in page


def test_a_study_about_a_country_appears_on_its_profile(client):
    page = text_of(client.get("/en/countries/tha/"))
    assert "Studies about this country" in page
    assert "Thailand: Key Issues and Policies" in page
