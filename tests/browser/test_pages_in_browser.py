"""The starter pages in a real browser: accessibility, small screens, no JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/en/",
    "msme-section": "/en/msmes/",
    "policymaker-section": "/en/policymakers/",
    "standard": "/en/accessibility/",
    "countries": "/en/countries/",
    "country-profile": "/en/countries/ken/",
    "search": "/en/search/?q=trade",
    "search-empty": "/en/search/?q=zzqxv",
    "not-found": "/en/no-such-page/",
    "home-fr": "/fr/",
    "home-es": "/es/",
    "about-es": "/es/about/",
    # Not translated yet: a notice in French, the English content marked lang="en".
    "agreement-fallback-fr": "/fr/policymakers/trade-agreements/ceta/",
    "agreement-fallback-es": "/es/policymakers/trade-agreements/ceta/",
}


def test_no_axe_violations_on_any_page_type(browser, site):
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
def test_home_page_fits_the_screen_and_is_saved_as_a_screenshot(browser, site, artifacts, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site.url + "/en/")
    page.screenshot(path=str(artifacts / f"home-{width}.png"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert scroll_width <= width, f"page is {scroll_width}px wide on a {width}px screen"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_at_400_percent_zoom_the_header_takes_at_most_a_third_of_the_screen(
    browser, site, artifacts, language
):
    # 1280 x 1024 CSS px at 400% zoom: 320 x 256 (WCAG 1.4.10 Reflow).
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 256})
    page = context.new_page()
    page.goto(f"{site.url}/{language}/policymakers/")
    page.locator(".site-header").screenshot(path=str(artifacts / f"header-320-{language}.png"))
    height = page.locator(".site-header").bounding_box()["height"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    # Sections, search and languages are one "Menu" away, without JavaScript.
    page.locator(".site-menu > summary").click()
    sections, languages = page.locator(".site-menu").get_by_role("navigation").all()
    assert sections.get_by_role("link").count() == 3
    assert all(link.is_visible() for link in languages.get_by_role("link").all())
    assert page.locator(".site-menu").get_by_role("searchbox").is_visible()
    context.close()
    assert height <= 256 / 3, f"the header is {height}px high"
    assert scroll_width <= 320


def test_everything_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(site.url + "/en/")
    page.get_by_role("link", name="For policymakers").first.click()
    assert page.url.endswith("/en/policymakers/")
    # On a phone the header's sections, search and languages are behind "Menu".
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("searchbox", name="Search the site").fill("accessibility")
    page.get_by_role("button", name="Search").first.click()
    assert "/en/search/?q=accessibility" in page.url
    page.get_by_role("link", name="Accessibility statement").first.click()
    assert page.url.endswith("/en/accessibility/")
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="Français").click()
    assert page.url.endswith("/fr/accessibility/")
    assert page.locator("html").get_attribute("lang") == "fr"
    context.close()


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url + "/en/about/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()


def test_page_weight_of_css_and_javascript_is_within_budget(browser, site):
    context = browser.new_context()
    page = context.new_page()
    sizes = {}

    def record(response):
        if response.request.resource_type in {"stylesheet", "script"}:
            sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto(site.url + "/en/")
    page.wait_for_load_state("networkidle")
    context.close()
    assert sizes, "no stylesheet was loaded"
    assert sum(sizes.values()) <= 60 * 1024, sizes
    assert all(url.startswith(site.url) for url in sizes), "a file came from another host"
