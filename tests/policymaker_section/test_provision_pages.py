"""Each provision has a citable page of its own, under its agreement, in three languages."""

import re
from html import escape

import pytest
from wagtail.models import Locale

from policymaker_section import scale
from policymaker_section.models import AgreementPage, Provision
from tests.policymaker_section.factories import ProvisionFactory
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db

A = "/en/policymakers/trade-agreements/"


def english_provisions():
    return Provision.objects.filter(page__locale__language_code="en", page__live=True)


def quoted_provision():
    """A provision with everything a page can show: quotation, its language, a source."""
    return (
        english_provisions()
        .exclude(excerpt="")
        .exclude(excerpt_language="")
        .exclude(source_url="")
        .exclude(article="")
        .order_by("pk")
        .first()
    )


def version(provision, language):
    return Provision.objects.get(
        translation_key=provision.translation_key, page__locale__language_code=language
    )


def test_a_provision_page_shows_the_provision_and_its_agreement(client):
    provision = quoted_provision()
    agreement = provision.page.specific
    response = client.get(provision.page_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{escape(provision.article)}</h1>" in html
    assert f'<a href="{agreement.url}">{escape(agreement.title)}</a>' in html
    assert escape(provision.chapter) in html
    assert escape(provision.summary) in html
    assert escape(provision.category.name) in html
    quotation = f'<blockquote lang="{provision.excerpt_language}"><p>{escape(provision.excerpt)}'
    assert quotation in html
    assert f'href="{provision.source_url}"' in html
    if agreement.status_recorded_year:
        assert f"in {agreement.status_recorded_year}, by the source" in html
    else:
        assert "Status recorded</dt><dd>not recorded" in html
    canonical = rf'<link rel="canonical" href="https?://[^/"]+{re.escape(provision.page_url())}">'
    assert re.search(canonical, html)
    description = f'<meta name="description" content="{escape(agreement.short_name)}, '
    assert description in html
    # Breadcrumb: … › the agreement › this provision.
    assert f'<li><a href="{agreement.url}">{escape(agreement.title)}</a></li>' in html
    assert f'aria-current="page">{escape(provision.article)}</a>' in html


def test_a_provision_page_has_its_versions_in_three_languages(client):
    provision = quoted_provision()
    html = client.get(provision.page_url()).content.decode()
    for language in ("en", "fr", "es"):
        other = version(provision, language)
        url = f"http://testserver{other.page_url()}"
        assert f'<link rel="alternate" hreflang="{language}" href="{url}">' in html
        if language != "en":  # the visible switch, in the page as well as the header
            assert f'<a href="{other.page_url()}" lang="{language}" hreflang="{language}">' in html


def test_the_french_and_spanish_pages_show_the_translated_summary(client):
    provision = quoted_provision()
    for language in ("fr", "es"):
        translated = version(provision, language)
        assert translated.summary != provision.summary
        response = client.get(translated.page_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert escape(translated.summary) in html
        # The quotation stays in the treaty's language.
        assert f'<blockquote lang="{provision.excerpt_language}">' in html


def test_a_provisional_category_is_shown_as_such(client):
    provision = english_provisions().filter(category_provisional=True).first()
    html = client.get(provision.page_url()).content.decode()
    assert "tag--provisional" in html
    assert "has not yet been confirmed by a delegate" in html


def test_unknown_ids_and_other_agreements_provisions_are_not_found(client):
    cptpp = english_provisions().filter(page__code="cptpp").first()
    usmca = english_provisions().filter(page__code="usmca").first()
    assert client.get(f"{A}cptpp/provisions/99999999/").status_code == 404
    assert client.get(f"{A}cptpp/provisions/{usmca.pk}/").status_code == 404
    # The English row under the French agreement is another language's provision.
    assert client.get(f"/fr{cptpp.page_url()[3:]}").status_code == 404
    assert client.get(f"/fr{version(cptpp, 'fr').page_url()[3:]}").status_code == 200


def test_the_agreement_page_and_the_explorer_link_each_provision_to_its_page(client):
    cptpp = AgreementPage.objects.get(code="cptpp", locale__language_code="en")
    html = client.get(cptpp.url).content.decode()
    for provision in cptpp.provisions.all():
        assert f'href="{provision.page_url()}"' in html
    response = client.get(A + "provisions/")
    html = response.content.decode()
    shown = list(response.context["results"])
    assert shown
    for provision in shown:
        assert f'href="{provision.page_url()}"' in html
    # Followed, the link leads to the page.
    assert client.get(shown[0].page_url()).status_code == 200


def test_a_provision_page_costs_the_same_queries_however_much_data(client):
    provision = quoted_provision()
    agreement = provision.page.specific
    path = provision.page_url()

    def get():
        assert client.get(path).status_code == 200

    def grow():
        ProvisionFactory.create_batch(30, page=agreement, category=provision.category)
        scale.add_agreements(Locale.get_default(), 30, 10)

    cold, warm = assert_constant_queries(get, grow, limit=15)
    print(f"\nprovision page: {cold} queries cold, {warm} warm")
