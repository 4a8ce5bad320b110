"""Challenges, resources and best practices as a visitor reads them."""

import re

import pytest
from wagtail.models import Locale

from msme_platform.core.models import Country, Region, Topic
from msme_section.models import BestPracticeIndexPage, BestPracticeSource, ChallengePage
from tests.msme_section.factories import BestPracticePageFactory, english

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_challenges_index_lists_the_first_set(client):
    page = text_of(client.get("/en/msmes/challenges/"))
    for title in (
        "Finding out what a market requires",
        "Getting finance to trade",
        "Selling online and going digital",
        "Getting goods through the border",
        "Meeting product standards and regulations",
        "Selling to governments",
    ):
        assert title in page


def test_a_challenge_links_to_real_studies_and_programmes(client):
    challenge = english(ChallengePage, slug="access-to-finance")
    response = client.get(challenge.url)
    page = text_of(response)
    assert "Why it matters" in page and "Strategies that work" in page
    for study in challenge.related_studies.all():
        assert study.url in page
    assert "Credit Guarantee Scheme for Micro &amp; Small Enterprises (CGTMSE)" in page
    assert challenge.related_programmes.count() == 4
    assert [topic.slug for topic in challenge.topics.all()] == ["access-to-finance"]


def test_resources_are_grouped_by_need_and_unseen_addresses_have_no_link(client):
    page = text_of(client.get("/en/msmes/resources/"))
    assert '<h2 id="need-1">Find markets, tariffs and buyers</h2>' in page
    link = '<a href="https://globaltradehelpdesk.org" rel="external">Global Trade Helpdesk</a>'
    assert link in page
    assert '<h3 class="resource__name">SME Trade Academy</h3>' in page
    assert "We have not yet confirmed its official address" in page


def test_best_practices_are_filtered_by_country_region_and_topic(client):
    english_locale = Locale.get_default()
    index = english(BestPracticeIndexPage)
    kenya = Country.objects.get(iso3="KEN", locale=english_locale)
    finance = Topic.objects.get(slug="access-to-finance", locale=english_locale)
    practice = BestPracticePageFactory(parent=index, title="Kenya guarantee reform")
    practice.countries = [kenya]
    practice.topics = [finance]
    practice.sources = [BestPracticeSource(title="Source", url="https://gov.example/ken")]
    practice.save_revision().publish()
    url = "/en/policymakers/best-practices/"
    assert "Kenya guarantee reform" in text_of(client.get(url, {"country": "KEN"}))
    assert "Kenya guarantee reform" not in text_of(client.get(url, {"country": "BRA"}))
    assert "Kenya guarantee reform" in text_of(client.get(url, {"region": kenya.region.slug}))
    other_region = Region.objects.filter(locale=english_locale).exclude(pk=kenya.region_id).first()
    assert "Kenya guarantee reform" not in text_of(client.get(url, {"region": other_region.slug}))
    assert "Kenya guarantee reform" in text_of(client.get(url, {"topic": "access-to-finance"}))
    assert "Kenya guarantee reform" not in text_of(client.get(url, {"topic": "standards"}))
    assert client.get(url, {"topic": "\x00", "country": "x" * 400}).status_code == 200
    detail = text_of(client.get(practice.url))
    assert "What was done" in detail and "https://gov.example/ken" in detail
    profile = text_of(client.get("/en/countries/ken/"))
    assert "Government best practices" in profile and "Kenya guarantee reform" in profile


def test_with_no_best_practice_yet_the_index_says_so(client):
    assert "No best practice has been published yet." in text_of(
        client.get("/en/policymakers/best-practices/")
    )


def test_programmes_studies_and_challenges_are_found_by_site_search(client):
    page = text_of(client.get("/en/search/", {"q": "CGTMSE"}))
    assert "Credit Guarantee Scheme for Micro" in page
    page = text_of(client.get("/en/search/", {"q": "collateral"}))
    assert "Getting finance to trade" in page
