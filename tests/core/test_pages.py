"""What a visitor sees on each page of the starter site, in each language."""

import pytest
from django.conf import settings
from wagtail.models import Page

from msme_platform.core.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

PAGE_PATHS = [
    "",
    "msmes/",
    "policymakers/",
    "countries/",
    "countries/ken/",
    "about/",
    "privacy/",
    "accessibility/",
    "search/",
]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_starter_page_renders_in_every_language(client, language, path):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'href="#main"' in html  # skip link


def test_site_root_sends_visitors_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_home_page_leads_to_each_section_in_one_click(client):
    html = client.get("/en/").content.decode()
    assert 'href="/en/msmes/"' in html
    assert 'href="/en/policymakers/"' in html
    assert "For MSMEs" in html and "For policymakers" in html


def test_home_page_shows_what_is_new_newest_first(client):
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.title = "About the MSME platform (revised)"
    about.save_revision().publish()
    html = client.get("/en/").content.decode()
    whats_new = html.split('id="latest-heading"', 1)[1]
    assert whats_new.index("About the MSME platform (revised)") < whats_new.index("Privacy notice")


def test_section_page_shows_its_real_content(client):
    html = client.get("/en/msmes/").content.decode()
    assert "Global Trade Helpdesk" in html
    assert 'href="https://globaltradehelpdesk.org"' in html


def test_key_figures_carry_their_source(client):
    html = client.get("/en/policymakers/").content.decode()
    assert "1971" in html
    assert 'href="https://trade4msmes.org/guides/regional-trade-agreements/"' in html


def test_breadcrumbs_lead_back_home(client):
    html = client.get("/en/about/").content.decode()
    breadcrumbs = html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/en/"' in breadcrumbs
    assert 'aria-current="page"' in breadcrumbs


def test_language_switcher_keeps_the_current_page(client):
    html = client.get("/en/about/").content.decode()
    assert 'href="/fr/about/" lang="fr"' in html
    assert 'href="/es/about/" lang="es"' in html


def test_language_switcher_keeps_the_search_query(client):
    html = client.get("/en/search/?q=trade").content.decode()
    assert 'href="/fr/search/?q=trade" lang="fr"' in html


def test_hreflang_alternates_name_every_language(client):
    html = client.get("/fr/policymakers/").content.decode()
    for code, _name in settings.LANGUAGES:
        assert f'hreflang="{code}" href="http://testserver/{code}/policymakers/"' in html
    assert 'hreflang="x-default" href="http://testserver/en/policymakers/"' in html


def test_french_visitor_stays_in_french_urls(client):
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/msmes/"' in html
    assert 'href="/en/msmes/"' not in html


def test_unknown_address_gives_a_helpful_404(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'href="/en/"' in html


def test_unpublished_page_is_not_shown(client):
    privacy = Page.objects.get(slug="privacy", locale__language_code="en")
    privacy.unpublish()
    assert client.get("/en/privacy/").status_code == 404
    assert "Privacy notice" not in client.get("/en/").content.decode()


def test_one_home_page_per_language():
    assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == [
        "en",
        "es",
        "fr",
    ]
