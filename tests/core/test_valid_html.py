"""Every page type is valid HTML for the W3C Nu HTML checker (vnu).

vnu.jar comes from the npm package ``vnu-jar`` (``make vnu`` installs it into
``build/vnu/``, as ``.ci/run`` does; ``VNU_JAR`` points elsewhere) and runs on Debian's
Java runtime. The pages are rendered with the test client into files and checked in one
run of the checker (one JVM start). Without Java or vnu.jar the test is skipped on a
laptop and fails in CI (``STRICT_NO_SKIPS``).
"""

import json
import os
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Locale

from msme_platform.core.models import Country
from msme_section.models import BestPracticeIndexPage
from policymaker_section.models import Provision
from surveys.enums import ModerationStatus
from surveys.models import DialogueForumPage, ForumPost, SurveyPage, SurveyResponse
from tests.msme_section.factories import BestPracticePageFactory

pytestmark = [pytest.mark.validator, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / "build/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)

A = "/en/policymakers/trade-agreements/"
SURVEY = "/en/msmes/have-your-say/what-msmes-need-from-this-platform/"
FORUM = "/en/msmes/have-your-say/finding-trade-information/"

# One address per page type, and per state a page type shows differently (filters,
# errors, nothing found, another language).
PAGES = {
    "home": "/en/",
    "home-fr": "/fr/",
    "msme-section": "/en/msmes/",
    "policymaker-section": "/en/policymakers/",
    "standard": "/en/about/",
    "search": "/en/search/?q=trade",
    "search-empty": "/en/search/?q=zzqxv",
    "not-found": "/en/no-such-page/",
    "countries": "/en/countries/",
    "country-profile": "/en/countries/ken/",
    "country-profile-with-databases": "/en/countries/chn/",
    "finder": "/en/msmes/find-support/",
    "finder-answer": "/en/msmes/find-support/?country=KEN&size=small",
    "finder-error": "/en/msmes/find-support/?size=micro",
    "trade-partner": "/en/msmes/my-trade-partner/?exporter=KEN",
    "trade-partner-answer": "/en/msmes/my-trade-partner/?exporter=JPN&market=AUS",
    "trade-partner-none": "/en/msmes/my-trade-partner/?exporter=KEN&market=EUN",
    "trade-partner-error": "/en/msmes/my-trade-partner/?exporter=KEN&market=KEN",
    "studies": "/en/msmes/studies/?topic=access-to-finance",
    "study": "/en/msmes/studies/world-trade-report-2016-levelling-the-trading-field-for-smes/",
    "policy-studies": "/en/policymakers/studies/",
    "challenges": "/en/msmes/challenges/",
    "challenge": "/en/msmes/challenges/access-to-finance/",
    "resources": "/en/msmes/resources/",
    "programmes": "/en/policymakers/programmes/?type=finance&size=micro",
    "programme": "/en/policymakers/programmes/ken-micro-and-small-enterprises-authority-msea/",
    "best-practices": "/en/policymakers/best-practices/",
    "best-practice": "/en/policymakers/best-practices/one-stop-shop/",
    "agreements": A,
    "agreements-filtered": A + "?party=JPN&category=INST_COMMITTEE&in_force=1",
    "provision-explorer": A + "provisions/?party=JPN&category=INFO_WEB",
    "provision-explorer-bad-input": A + "provisions/?from=abc&sort=evil&party=%3Cb%3E",
    "compare": A + "compare/?a=cptpp&a=usmca&a=eu-japan-epa",
    "compare-empty": A + "compare/",
    "open-data": A + "open-data/",
    "agreement": A + "cptpp/",
    "agreement-fallback-fr": "/fr/policymakers/trade-agreements/ceta/",
    "tprs": "/en/policymakers/trade-policy-reviews/?member=CHN",
    "tpr": "/en/policymakers/trade-policy-reviews/chn-2024/",
    "events": "/en/msmes/events/",
    "events-past": "/en/msmes/events/past/",
    "events-calendar": "/en/msmes/events/calendar/2025/10/",
    "event": "/en/msmes/events/first-global-sme-ministerial-conference/",
    "surveys": "/en/msmes/have-your-say/",
    "survey": SURVEY,
    "survey-results": SURVEY + "results/",
    "forum": FORUM,
}


def vnu_command():
    java = shutil.which("java")
    missing = [what for what, ok in (("java", java), (str(VNU_JAR), VNU_JAR.exists())) if not ok]
    if missing:
        message = f"the Nu HTML checker needs {' and '.join(missing)} (make vnu)"
        if os.environ.get("STRICT_NO_SKIPS"):
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


@pytest.fixture
def every_page_type():
    """What the starter content lacks: a best practice, approved answers, forum posts."""
    english = Locale.get_default()
    practice = BestPracticePageFactory(
        parent=BestPracticeIndexPage.objects.get(locale=english), slug="one-stop-shop"
    )
    practice.countries = [Country.objects.get(iso3="KEN", locale=english)]
    practice.save_revision().publish()
    survey = SurveyPage.objects.get(locale=english, slug="what-msmes-need-from-this-platform")
    survey.results_public = True
    survey.closes_at = timezone.now() + timedelta(days=30)
    survey.save_revision().publish()
    answers = {
        field.clean_name: {
            "country": "KEN",
            "enterprise_size": "small",
            "sector": "services",
            "radio": "Yes, regularly",
            "checkboxes": ["Customs procedures"],
            "scale": "3",
        }.get(field.field_type, "")
        for field in survey.get_form_fields()
    }
    SurveyResponse.objects.bulk_create(
        [
            SurveyResponse(page=survey, form_data=answers, status=ModerationStatus.APPROVED)
            for _ in range(6)
        ]
    )
    forum = DialogueForumPage.objects.get(locale=english, slug="finding-trade-information")
    question = ForumPost.objects.create(
        page=forum,
        name="Amina",
        country_code="KEN",
        enterprise_size="small",
        text="Where are tariffs listed?",
        status=ModerationStatus.APPROVED,
    )
    ForumPost.objects.create(
        page=forum,
        parent=question,
        name="Official Person",
        text="See the Global Trade Helpdesk.",
        is_official=True,
        status=ModerationStatus.APPROVED,
    )


def render_every_page_type(client):
    """{name: HTML} for every page in PAGES, a survey sent with mistakes, the error pages."""
    pages = {}
    for name, path in PAGES.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not-found" else 200), path
        pages[name] = response.content.decode()
    provision = Provision.objects.filter(page__locale__language_code="en").exclude(excerpt="")
    pages["provision"] = client.get(provision.order_by("pk").first().page_url()).content.decode()
    response = client.post(SURVEY, {})
    assert response.status_code == 200
    pages["survey-errors"] = response.content.decode()
    pages["server-error"] = render_to_string("500.html")
    kept = [{"name": "answer", "label": "Answer", "values": ["Yes"], "multiple": False}]
    pages["database-unavailable"] = render_to_string("503.html", {"kept": kept, "action": SURVEY})
    return pages


def test_every_public_page_has_a_meta_description(client, every_page_type):
    """From the editor's summary, else from the record itself (Lighthouse's SEO audit)."""
    missing = {}
    for name, html in render_every_page_type(client).items():
        if name in ("server-error", "database-unavailable"):
            continue  # rendered without the database, and never indexed
        found = re.findall(r'<meta name="description" content="([^"]*)">', html)
        if len(found) != 1 or len(found[0].strip()) < 20:
            missing[name] = found
    assert missing == {}


def test_every_page_type_is_valid_html(client, every_page_type, tmp_path):
    command = vnu_command()
    files = []
    for name, html in render_every_page_type(client).items():
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(html, encoding="utf-8")

    run = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, timeout=600)
    # vnu writes its JSON report to stderr and exits 1 when it finds errors.
    messages = json.loads(run.stderr)["messages"]
    errors = {}
    for message in messages:
        name = Path(message.get("url", "").removeprefix("file:")).stem
        where = f"line {message.get('lastLine', '?')}"
        errors.setdefault(name, []).append(f"{where}: {message['message']}")
    report = "\n".join(f"{name}: {line}" for name, lines in errors.items() for line in lines)
    print(report)
    assert errors == {}, report
