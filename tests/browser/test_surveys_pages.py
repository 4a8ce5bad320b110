"""Surveys and forums in Chromium: axe on every state, a phone without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from surveys.enums import ModerationStatus
from surveys.models import ForumPost, SurveyPage, SurveyResponse

pytestmark = pytest.mark.browser

SURVEY = "/en/msmes/have-your-say/what-msmes-need-from-this-platform/"
FORUM = "/en/msmes/have-your-say/finding-trade-information/"


@pytest.fixture
def quick_fill(settings):
    # A test browser fills a form faster than any person: the minimum fill time is
    # tested in tests/surveys; here it would only mark the test's answers as spam.
    settings.SURVEYS_MIN_FILL_SECONDS = 0


def _violations(axe, page):
    results = axe.run(page)
    assert results.response["passes"]
    return [(v["id"], v["help"], len(v["nodes"])) for v in results.response["violations"]]


def _approved_responses(n):
    survey = SurveyPage.objects.get(
        slug="what-msmes-need-from-this-platform", locale__language_code="en"
    )
    data = {}
    for field in survey.get_form_fields():
        data[field.clean_name] = {
            "country": "KEN",
            "enterprise_size": "small",
            "sector": "services",
            "radio": "Yes, regularly",
            "checkboxes": ["Customs procedures"],
            "scale": "3",
        }.get(field.field_type, "")
    SurveyResponse.objects.bulk_create(
        [SurveyResponse(page=survey, form_data=data, status="approved") for _ in range(n)]
    )


def test_no_axe_violations_on_survey_and_forum_states(browser, site, quick_fill):
    _approved_responses(6)
    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = {}
    for name, path in {
        "index": "/en/msmes/have-your-say/",
        "survey": SURVEY,
        "results": SURVEY + "results/",
        "forum": FORUM,
        "survey-fr": SURVEY.replace("/en/", "/fr/"),
    }.items():
        page.goto(site.url + path)
        problems[name] = _violations(axe, page)
    page.goto(site.url + SURVEY)
    page.locator("form.survey-form button").click()
    expect(page.get_by_text("Please correct what is marked below")).to_be_visible()
    problems["survey-errors"] = _violations(axe, page)
    page.goto(site.url + FORUM)
    page.get_by_label("Name or pseudonym").fill("Amina")
    page.get_by_label("Your question or comment").fill("Where are tariffs listed?")
    page.locator("form.survey-form button").click()
    expect(page.get_by_text("your post is awaiting moderation")).to_be_visible()
    problems["forum-posted"] = _violations(axe, page)
    context.close()
    assert {k: v for k, v in problems.items() if v} == {}


def test_phone_without_javascript_fix_a_mistake_and_submit(browser, site, artifacts, quick_fill):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(site.url + SURVEY)
    page.screenshot(path=str(artifacts / "survey-360.png"), full_page=True)
    # Wrong: no country chosen.
    page.get_by_role("radio", name="Micro enterprise").check()
    page.get_by_role("radio", name="Not yet, but we plan to").check()
    page.get_by_label("What would you like the WTO").fill("Customs forms are hard to find.")
    page.get_by_role("checkbox", name="I agree").check()
    page.locator("form.survey-form button").click()
    expect(page.get_by_text("Please correct what is marked below")).to_be_visible()
    page.screenshot(path=str(artifacts / "survey-errors-360.png"), full_page=True)
    # What was typed is still there; fix the mistake and send.
    assert page.get_by_label("What would you like the WTO").input_value() == (
        "Customs forms are hard to find."
    )
    assert page.get_by_role("radio", name="Micro enterprise").is_checked()
    page.get_by_label("Where is your business based?").select_option("KEN")
    page.locator("form.survey-form button").click()
    expect(page.get_by_text("Thank you: your answers have been received.")).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    stored = SurveyResponse.objects.get()
    assert stored.status == ModerationStatus.NEW and stored.country_code == "KEN"
    assert scroll_width <= 360


def test_forum_post_shows_awaiting_moderation(browser, site, artifacts, quick_fill):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(site.url + FORUM)
    page.get_by_label("Name or pseudonym").fill("Amina")
    page.get_by_label("Your question or comment").fill("<b>Where</b> are tariffs listed?")
    page.locator("form.survey-form button").click()
    expect(page.get_by_text("your post is awaiting moderation")).to_be_visible()
    page.screenshot(path=str(artifacts / "forum-posted-360.png"), full_page=True)
    context.close()
    assert ForumPost.objects.get().status == ModerationStatus.NEW


def test_results_fit_a_phone_screen(browser, site, artifacts):
    _approved_responses(6)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(site.url + SURVEY + "results/")
    expect(page.get_by_text("Based on 6 checked responses.")).to_be_visible()
    page.screenshot(path=str(artifacts / "survey-results-360.png"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert scroll_width <= 360
