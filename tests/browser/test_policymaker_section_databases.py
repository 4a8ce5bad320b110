"""The agreements and Trade Policy Review databases in a real browser."""

import csv
import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

A = "/en/policymakers/trade-agreements/"
PAGES = {
    "agreement-index": A,
    "agreement-index-filtered": A + "?party=JPN&category=INST_COMMITTEE&in_force=1",
    "provision-explorer": A + "provisions/?party=JPN&category=INFO_WEB",
    "provision-explorer-bad-input": A + "provisions/?from=abc&sort=evil&party=%3Cb%3E",
    "provision-explorer-all-parties": A + "provisions/?q=committee&all=party",
    "compare": A + "compare/?a=cptpp&a=usmca&a=eu-japan-epa",
    "compare-empty": A + "compare/",
    "open-data": A + "open-data/",
    "agreement": A + "cptpp/",
    "tpr-index": "/en/policymakers/trade-policy-reviews/?member=CHN",
    "tpr-entry": "/en/policymakers/trade-policy-reviews/chn-2024/",
    "country-profile-with-databases": "/en/countries/chn/",
}


def test_no_axe_violations_on_any_database_page(browser, site):
    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = {}
    for name, path in PAGES.items():
        page.goto(site.url + path)
        results = axe.run(page)
        assert results.response["passes"], f"axe checked nothing on {path}"
        violations = results.response["violations"]
        if violations:
            problems[name] = [(v["id"], v["help"], len(v["nodes"])) for v in violations]
    context.close()
    assert problems == {}


@pytest.mark.parametrize("width", [360, 1280])
def test_database_pages_fit_small_and_large_screens(browser, site, artifacts, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    too_wide = {}
    for name in ("provision-explorer", "compare", "agreement", "tpr-index"):
        page.goto(site.url + PAGES[name])
        page.screenshot(path=str(artifacts / f"policymaker-{name}-{width}.png"), full_page=False)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[name] = scroll_width
    context.close()
    assert too_wide == {}


def test_a_policymaker_filters_downloads_and_follows_a_permalink_without_javascript(browser, site):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.goto(site.url + A)
    page.get_by_role("link", name="Provisions explorer").click()
    page.locator("summary", has_text=re.compile(r"^Party")).click()
    # The party list shows the most frequent parties first; the rest are one link away.
    page.get_by_role("link", name=re.compile(r"^Show \d+ more \(Party")).click()
    page.get_by_label("Japan", exact=False).check()
    page.locator("summary", has_text=re.compile(r"^Category")).click()
    page.get_by_label("SME committee", exact=False).check()
    page.get_by_role("button", name="Apply filters").click()
    assert "party=JPN" in page.url and "category=INST_COMMITTEE" in page.url
    count = page.locator(".results-bar__count").inner_text()
    assert "provision" in count and not count.startswith("0 ")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert rows and all(row["category_code"] == "INST_COMMITTEE" for row in rows)
    assert all("JPN" in row["parties"].split(";") for row in rows)

    # Each provision leads to a page of its own, to cite.
    first = page.locator(".provision__title a").first
    href = first.get_attribute("href")
    first.click()
    assert page.url.endswith(href) and "/provisions/" in href
    assert page.get_by_role("heading", name="Cite this").is_visible()
    assert page.get_by_role("link", name="BibTeX").is_visible()
    context.close()


def test_compare_two_agreements_from_the_list_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(site.url + A + "?party=JPN")
    page.get_by_label("Compare CPTPP").check()
    page.get_by_label("Compare EU-Japan EPA").check()
    page.get_by_role("button", name="Compare the chosen agreements").click()
    assert "a=cptpp" in page.url and "a=eu-japan-epa" in page.url
    headers = page.locator(".compare-table thead th").all_inner_texts()
    assert headers[1:] == ["CPTPP", "EU-Japan EPA"]
    context.close()
