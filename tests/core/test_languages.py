"""Every page type in the three languages: the right lang, hreflang alternates for every
language, and a language switcher that leads to the same page with the same query."""

import re

import pytest
from django.conf import settings
from wagtail.models import Locale

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "core.HomePage",
    "core.StandardPage",
    "core.SearchPage",
    "core.CountryIndexPage",
    "msme_section.MSMESectionPage",
    "msme_section.ChallengeIndexPage",
    "msme_section.ChallengePage",
    "msme_section.StudyIndexPage",
    "msme_section.StudyPage",
    "msme_section.ProgrammeFinderPage",
    "msme_section.ProgrammeIndexPage",
    "msme_section.NationalProgrammePage",
    "msme_section.ResourcesPage",
    "msme_section.BestPracticeIndexPage",
    "policymaker_section.PolicymakerSectionPage",
    "policymaker_section.AgreementIndexPage",
    "policymaker_section.AgreementPage",
    "policymaker_section.TPRIndexPage",
    "policymaker_section.TPREntryPage",
    "events.EventIndexPage",
    "events.EventPage",
    "surveys.SurveyIndexPage",
    "surveys.SurveyPage",
    "surveys.DialogueForumPage",
]
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def english_page(model_label):
    from django.apps import apps

    model = apps.get_model(model_label)
    page = model.objects.live().filter(locale__language_code="en").order_by("path").first()
    assert page is not None, f"the starter content has no {model_label}"
    return page


@pytest.mark.parametrize("model_label", PAGE_TYPES)
def test_every_page_type_in_every_language(client, model_label):
    english = english_page(model_label)
    versions = {
        language: english.get_translation(Locale.objects.get(language_code=language)).url
        for language in LANGUAGES
    }
    for language, url in versions.items():
        response = client.get(url, {"q": "trade"})
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, url
        # One lang on the content region: the visitor's, or English with a notice.
        region = re.search(r'<main[^>]*>.*?<div lang="([a-z]+)">', html, re.S)
        assert region and region.group(1) in {language, "en"}, url
        for code, other in versions.items():
            assert f'hreflang="{code}" href="http://testserver{other}?q=trade"' in html, (url, code)
            # The switcher leads to the same page in the other language, query kept.
            assert f'href="{other}?q=trade" lang="{code}"' in html, (url, code)


def test_switcher_keeps_the_filters_of_a_list(client):
    html = client.get(
        "/fr/policymakers/trade-agreements/", {"party": "CHE", "sort": "name"}
    ).content.decode()
    assert 'href="/es/policymakers/trade-agreements/?party=CHE&amp;sort=name" lang="es"' in html


def test_french_list_page_is_french_and_carries_no_notice(client):
    html = client.get("/fr/policymakers/trade-agreements/").content.decode()
    assert '<div lang="fr">' in html
    assert "Dispositions sur les MPME dans les accords commerciaux régionaux" in html
    assert "pas encore traduite" not in html


def test_sitemap_gives_every_page_its_alternates(client):
    body = client.get("/sitemap.xml").content.decode()
    about = body.split("<loc>http://testserver/fr/about/</loc>", 1)[1].split("</url>", 1)[0]
    for code in LANGUAGES:
        assert (
            f'<xhtml:link rel="alternate" hreflang="{code}" href="http://testserver/{code}/about/"/>'
        ) in about
    assert 'hreflang="x-default" href="http://testserver/en/about/"' in about


@pytest.mark.parametrize("language", ["fr", "es"])
def test_calendar_feed_says_its_language(client, language):
    response = client.get(f"/{language}/msmes/events/ical/")
    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert f"X-WR-CALNAME;LANGUAGE={language}:" in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_exports_say_their_language(client, fmt):
    response = client.get(f"/es/policymakers/trade-agreements/export/{fmt}/")
    assert response.status_code == 200
    assert response["Content-Language"] == "es"
    if fmt == "json":
        data = response.json()
        assert data["language"] == "es"
        assert data["columns"]["parties"].startswith("Códigos ISO 3166-1 alfa-3")
