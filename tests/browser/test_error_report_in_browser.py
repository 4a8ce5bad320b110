"""Reporting an error from a record page, in Chromium without JavaScript: axe-core clean,
and a mistake comes back with what was typed."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from wagtail.models import Locale

from msme_platform.core.models import ErrorReport
from msme_section.models import NationalProgrammePage

pytestmark = pytest.mark.browser


def test_report_an_error_from_a_programme_page(browser, site, artifacts):
    programme = NationalProgrammePage.objects.live().filter(locale=Locale.get_default()).first()
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(site.url + programme.url)
    assert page.locator(".provenance").get_by_text("Last checked:").count() == 1

    page.get_by_role("link", name="Report an error on this page").click()
    page.get_by_label("Your e-mail address (optional)").fill("not an address")
    page.locator("form#form button[type=submit]").click()

    assert page.get_by_role("alert").get_by_text("Please correct what is marked below").count()
    assert page.get_by_label("Your e-mail address (optional)").input_value() == "not an address"
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["help"]) for v in violations]
    page.screenshot(path=str(artifacts / "report-an-error-invalid.png"), full_page=True)
    assert not ErrorReport.objects.exists()
    context.close()
