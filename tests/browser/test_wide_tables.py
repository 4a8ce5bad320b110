"""Wide tables on a 360 px phone: the page never scrolls sideways, the table's own region
does (keyboard-focusable, named), and each row's first cell stays in view."""

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "compare": "/en/policymakers/trade-agreements/compare/?a=cptpp&a=usmca&a=eu-japan-epa",
    "programmes": "/en/policymakers/programmes/",
    "open-data": "/en/policymakers/trade-agreements/open-data/",
}
REGIONS = ".table-wrap, .table-scroll"


@pytest.mark.parametrize("name", PAGES)
def test_wide_tables_are_readable_on_a_phone(browser, site, artifacts, name):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(site.url + PAGES[name])
    page.screenshot(path=str(artifacts / f"table-{name}-360.png"), full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    regions = page.locator(REGIONS)
    assert regions.count() >= 1
    for index in range(regions.count()):
        region = regions.nth(index)
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
        region.scroll_into_view_if_needed()
        # Scrolled as far right as the table goes, the first cell of the first body row
        # is still inside the region's visible box.
        region.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
        cell = region.locator("tbody tr").first.locator("th, td").first
        box, frame = cell.bounding_box(), region.bounding_box()
        assert box["x"] >= frame["x"] - 1 and box["x"] + 20 <= frame["x"] + frame["width"], name
    # The first region can be reached with the keyboard and scrolled with the arrow keys.
    regions.first.focus()
    assert page.evaluate("document.activeElement.matches('.table-wrap, .table-scroll')")
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_the_changed_pages(browser, site, artifacts, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in {
        **PAGES,
        "countries-fr": "/fr/countries/",
        "events": "/en/msmes/events/?type=webinar&year=2001",
    }.items():
        page.goto(site.url + path)
        page.screenshot(path=str(artifacts / f"issue18-{name}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    context.close()
