"""The MSME section's pages in Chromium: axe-core, small screens, no JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from wagtail.models import Locale

from msme_platform.core.models import Country
from msme_section.models import BestPracticeIndexPage, BestPracticeSource
from tests.msme_section.factories import BestPracticePageFactory

pytestmark = pytest.mark.browser

PAGES = {
    "finder": "/en/msmes/find-support/",
    "finder-answer": "/en/msmes/find-support/?country=KEN&size=small",
    "finder-error": "/en/msmes/find-support/?size=micro",
    "studies": "/en/msmes/studies/?topic=access-to-finance",
    "study": "/en/msmes/studies/world-trade-report-2016-levelling-the-trading-field-for-smes/",
    "challenges": "/en/msmes/challenges/",
    "challenge": "/en/msmes/challenges/access-to-finance/",
    "resources": "/en/msmes/resources/",
    "programmes": "/en/policymakers/programmes/?type=finance&size=micro",
    "programme": "/en/policymakers/programmes/ken-micro-and-small-enterprises-authority-msea/",
    "policy-studies": "/en/policymakers/studies/",
    "best-practices": "/en/policymakers/best-practices/",
    "best-practice": "/en/policymakers/best-practices/one-stop-shop/",
    "profile": "/en/countries/ken/",
    "programmes-fr": "/fr/policymakers/programmes/",
    "trade-partner": "/en/msmes/my-trade-partner/",
    "trade-partner-answer": "/en/msmes/my-trade-partner/?exporter=JPN&market=AUS",
    "trade-partner-none": "/en/msmes/my-trade-partner/?exporter=KEN&market=EUN",
    "trade-partner-error": "/en/msmes/my-trade-partner/?exporter=KEN&market=KEN",
    "trade-partner-es": "/es/msmes/my-trade-partner/?exporter=KEN&market=FRA",
}


@pytest.fixture
def section_site(site):
    english = Locale.get_default()
    practice = BestPracticePageFactory(
        parent=BestPracticeIndexPage.objects.get(locale=english), slug="one-stop-shop"
    )
    practice.countries = [Country.objects.get(iso3="KEN", locale=english)]
    practice.sources = [BestPracticeSource(title="Source", url="https://gov.example/")]
    practice.save_revision().publish()
    return site


def test_no_axe_violations_on_any_section_page_type(browser, section_site, artifacts):
    axe = Axe()
    problems = {}
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, path in PAGES.items():
            response = page.goto(section_site.url + path)
            assert response.status == 200, path
            if width == 1280:
                results = axe.run(page)
                assert results.response["passes"], f"axe checked nothing on {path}"
                violations = results.response["violations"]
                if violations:
                    problems[name] = [(v["id"], v["help"], len(v["nodes"])) for v in violations]
            elif name in (
                "finder-answer",
                "programmes",
                "studies",
                "resources",
                "trade-partner-answer",
                "trade-partner-none",
            ):
                page.screenshot(path=str(artifacts / f"msme-{name}-{width}.png"), full_page=True)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, f"{path} is {scroll_width}px wide at {width}px"
        context.close()
    assert problems == {}


def test_a_kenyan_firm_finds_support_without_javascript_in_three_clicks(browser, section_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(section_site.url + "/en/")
    page.get_by_role("link", name="For MSMEs").first.click()
    page.get_by_role("link", name="Find a support programme").click()
    page.get_by_label("Where is your business based?").select_option("KEN")
    page.get_by_label("How big is it?").select_option("small")
    page.get_by_role("button", name="Find programmes").click()
    answer = page.locator("#answer").inner_text()
    context.close()
    assert "There are 2 programmes in Kenya for small firms." in answer
    assert "Micro and Small Enterprises Authority (MSEA)" in answer


def test_a_policymaker_filters_the_map_without_javascript(browser, section_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(section_site.url + "/en/policymakers/programmes/")
    page.get_by_label("Type of support").select_option("finance")
    page.get_by_label("Firm size").select_option("micro")
    page.get_by_role("button", name="Show programmes").click()
    assert "type=finance" in page.url and "size=micro" in page.url
    assert page.locator('svg path[data-iso3="IND"]').count() == 1
    assert page.locator('svg path[data-iso3="AUS"]').count() == 0
    table = page.get_by_role("table", name="Number of matching programmes by country")
    assert table.get_by_role("link", name="India").count() == 1
    context.close()


def test_a_japanese_exporter_compares_with_australia_without_javascript(browser, section_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(section_site.url + "/en/countries/jpn/")
    page.get_by_role("link", name="My trade partner").click()
    assert page.get_by_label("Your economy").input_value() == "JPN"
    page.get_by_label("Your market").select_option("AUS")
    page.get_by_role("button", name="Show agreements and support").click()
    assert "exporter=JPN" in page.url and "market=AUS" in page.url
    answer = page.locator("#answer").inner_text()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert "3 agreements in force between Japan and Australia" in answer
    assert "Comprehensive and Progressive Agreement for Trans-Pacific Partnership" in answer
    assert "Information sharing via SME website/digital medium" in answer
    assert "No contact point recorded" in answer
    assert scroll_width <= 360
