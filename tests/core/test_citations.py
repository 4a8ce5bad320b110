"""Every record page offers "Cite this": a citation to copy, CSL-JSON and BibTeX files."""

import json
import re
from html import escape, unescape

import pytest
from django.utils import formats, timezone, translation
from django.utils.cache import get_max_age
from wagtail.models import Locale, Page

from msme_platform.core import citations
from msme_section.models import BestPracticeIndexPage
from policymaker_section.models import AgreementPage, Provision
from tests.msme_section.factories import BestPracticePageFactory

pytestmark = pytest.mark.django_db

A = "/en/policymakers/trade-agreements/"
# One page of each record type in the starter content (best practices come from a factory).
RECORDS = {
    "study": "/en/msmes/studies/world-trade-report-2016-levelling-the-trading-field-for-smes/",
    "challenge": "/en/msmes/challenges/access-to-finance/",
    "programme": "/en/policymakers/programmes/ken-micro-and-small-enterprises-authority-msea/",
    "agreement": A + "cptpp/",
    "tpr": "/en/policymakers/trade-policy-reviews/chn-2024/",
    "event": "/en/msmes/events/first-global-sme-ministerial-conference/",
}
LINK = re.compile(r'<a href="(/en/cite/[a-z]+/\d+/(csl-json|bibtex)/)"')


@pytest.fixture
def records():
    practice = BestPracticePageFactory(
        parent=BestPracticeIndexPage.objects.get(locale=Locale.get_default()),
        slug="one-stop-shop",
    )
    practice.save_revision().publish()
    provision = Provision.objects.filter(
        page__code="cptpp", page__locale__language_code="en"
    ).first()
    return {**RECORDS, "best-practice": practice.url, "provision": provision.page_url()}


def downloads(html):
    return {fmt: url for url, fmt in LINK.findall(html)}


def test_every_record_page_offers_cite_this_with_its_downloads(client, records):
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    for name, path in records.items():
        response = client.get(path)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<h2 id="cite-heading">Cite this</h2>' in html, name
        text = unescape(re.search(r'<p class="cite__text">(.*?)</p>', html, re.S)[1])
        assert text.startswith("WTO Informal Working Group on MSMEs. “"), (name, text)
        assert re.search(rf"https?://[^/ ]+{re.escape(path)} \(accessed {today}\)\.", text), text
        assert "MSME Platform, 20" in text, (name, text)
        assert set(downloads(html)) == {"csl-json", "bibtex"}, name


def test_the_csl_json_is_valid_csl_for_the_record(client, records):
    today = timezone.localdate()
    for name, path in records.items():
        url = downloads(client.get(path).content.decode())["csl-json"]
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith(citations.CSL_CONTENT_TYPE)
        assert response["Content-Disposition"].startswith("attachment; filename=")
        [item] = json.loads(response.content)
        assert {"id", "type", "title", "URL", "accessed", "issued", "publisher"} <= set(item)
        assert item["type"] == "webpage"
        assert re.fullmatch(rf"https?://[^/]+{re.escape(path)}", item["URL"]), name
        assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
        assert len(item["issued"]["date-parts"][0]) == 3
        assert item["publisher"] == "WTO Informal Working Group on MSMEs"
        assert item["title"]


def test_the_bibtex_is_a_misc_entry_with_url_and_urldate(client, records):
    today = timezone.localdate().isoformat()
    for name, path in records.items():
        url = downloads(client.get(path).content.decode())["bibtex"]
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/x-bibtex")
        body = response.content.decode()
        assert re.match(r"@misc\{msme-platform-[a-z]+-\d+,\n", body), body
        assert re.search(rf"  url = {{https?://[^/]+{re.escape(path)}}},\n", body), name
        assert f"  urldate = {{{today}}}" in body
        assert body.count("{") == body.count("}")


def test_a_citation_is_in_the_visitors_language(client):
    cptpp = AgreementPage.objects.get(code="cptpp", locale__language_code="fr")
    html = client.get(cptpp.url).content.decode()
    assert "Citer cette fiche" in html
    assert "Groupe de travail informel de l&#x27;OMC sur les MPME. « " in html
    with translation.override("fr"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert f"(consulté le {today})." in html


def test_a_page_with_a_citation_is_kept_no_later_than_midnight(client, settings):
    """Its "accessed" date is today's: the page cache, browsers and a CDN keep the page
    until midnight at the latest (shown here with browsers allowed two days)."""
    settings.BROWSER_CACHE_SECONDS = 2 * 24 * 3600
    for path in (
        RECORDS["agreement"],
        downloads(client.get(RECORDS["tpr"]).content.decode())["bibtex"],
    ):
        response = client.get(path)
        assert 0 < get_max_age(response) <= citations.seconds_until_tomorrow() <= 24 * 3600


def test_only_live_public_records_can_be_cited(client):
    about = Page.objects.get(slug="about", locale__language_code="en")
    assert "cite-heading" not in client.get("/en/about/").content.decode()
    assert client.get(f"/en/cite/page/{about.pk}/bibtex/").status_code == 404
    cptpp = Page.objects.get(slug="cptpp", locale__language_code="en")
    assert client.get(f"/en/cite/page/{cptpp.pk}/bibtex/").status_code == 200
    assert client.get(f"/en/cite/page/{cptpp.pk}/xml/").status_code == 404
    assert client.get(f"/en/cite/person/{cptpp.pk}/bibtex/").status_code == 404
    assert client.get("/en/cite/provision/99999999/csl-json/").status_code == 404
    cptpp.unpublish()
    assert client.get(f"/en/cite/page/{cptpp.pk}/bibtex/").status_code == 404


def test_bibtex_special_characters_are_escaped():
    citation = citations.Citation(
        kind="page",
        pk=1,
        title="R&D {and} 100% of #SMEs_ ~ ^ \\",
        url="http://testserver/en/x/",
        issued=None,
        accessed=timezone.localdate(),
        language="en",
    )
    body = citation.bibtex()
    assert r"R\&D \{and\} 100\% of \#SMEs\_ \textasciitilde{} \^{} \textbackslash{}" in body
    assert "year" not in body
    assert ", n.d. http://testserver/en/x/ (accessed" in citation.text
    assert escape("R&D") not in body
