"""Events in Chromium: no third-party request until asked, local times, axe, small screens."""

import datetime
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventIndexPage
from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
def live_event(site):
    """An event on now (in UTC), with a YouTube livestream and a Vimeo recording."""
    index = EventIndexPage.objects.get(locale=Locale.get_default())
    start = timezone.now().astimezone(datetime.UTC) - datetime.timedelta(hours=1)
    end = start + datetime.timedelta(hours=2)
    event = EventPageFactory(
        parent=index,
        title="Live webinar on trade finance",
        slug="live-webinar",
        time_zone="UTC",
        start_date=start.date(),
        start_time=start.time().replace(microsecond=0),
        end_date=end.date(),
        end_time=end.time().replace(microsecond=0),
        livestream_url="https://www.youtube.com/watch?v=abcDEF12345",
        recordings=[
            (
                "recording",
                {"title": "Earlier session", "url": "https://vimeo.com/76979871"},
            )
        ],
    )
    return site.url + event.url


def watch_requests(context):
    """Every request the page makes; anything leaving this machine is recorded and stopped."""
    outside = []

    def handle(route):
        host = urlparse(route.request.url).hostname
        if host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", handle)
    return outside


def test_no_third_party_request_until_the_visitor_asks(browser, live_event, site):
    context = browser.new_context()
    outside = watch_requests(context)
    page = context.new_page()
    page.goto(live_event)
    page.goto(site.url + "/en/msmes/events/")
    page.goto(live_event)
    assert page.get_by_role("heading", name="Taking place now").is_visible()
    assert page.locator("iframe").count() == 0
    assert outside == []
    page.get_by_role("button", name="Load the player here (connects to youtube.com)").click()
    frame = page.locator("iframe[title='Live webinar on trade finance']")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/abcDEF12345"
    page.wait_for_timeout(300)
    assert all("youtube-nocookie.com" in url for url in outside)
    context.close()


def test_without_javascript_the_video_is_a_plain_link(browser, live_event):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_event)
    assert page.get_by_role("link", name="Join the livestream").is_visible()
    assert page.get_by_role("link", name="Watch on vimeo.com").get_attribute("href") == (
        "https://vimeo.com/76979871"
    )
    assert (
        page.get_by_role("button", name="Load the player here (connects to vimeo.com)").count() == 0
    )
    context.close()


def visitors_note(browser, url, locale):
    """The note a visitor in Lima with this browser locale sees, and the event's start
    (an hour ago) on Lima's clock."""
    context = browser.new_context(timezone_id="America/Lima", locale=locale)
    page = context.new_page()
    page.goto(url)
    note = page.locator(".event-local").first.text_content()
    context.close()
    start = timezone.now().astimezone(datetime.UTC) - datetime.timedelta(hours=1)
    return note, start.astimezone(datetime.timezone(datetime.timedelta(hours=-5)))


def test_times_are_also_shown_in_the_visitors_zone(browser, live_event):
    note, lima = visitors_note(browser, live_event, "en-GB")
    assert note.startswith("In your time zone (America/Lima):")
    assert lima.strftime("%H:%M") in note  # a British visitor's clock, at any time of day
    assert " AM " not in note and " PM " not in note


def test_an_american_visitor_gets_a_twelve_hour_clock(browser, live_event):
    note, lima = visitors_note(browser, live_event, "en-US")
    assert lima.strftime("%I:%M %p") in note


def test_no_axe_violations_on_the_events_views(browser, live_event, site):
    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = {}
    for path in [
        "/en/msmes/events/",
        "/en/msmes/events/past/",
        "/en/msmes/events/past/?year=abc",
        "/en/msmes/events/calendar/2018/3/",
        "/en/msmes/events/calendar/",
        live_event.removeprefix(site.url),
        "/en/msmes/events/first-global-sme-ministerial-conference/",
        "/en/countries/are/",
    ]:
        page.goto(site.url + path)
        violations = axe.run(page).response["violations"]
        if violations:
            problems[path] = [(v["id"], v["help"], len(v["nodes"])) for v in violations]
    context.close()
    assert problems == {}


@pytest.mark.parametrize("width", [360, 1280])
def test_events_pages_fit_the_screen(browser, live_event, site, artifacts, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    widths = {}
    for name, path in [
        ("events-past", "/en/msmes/events/past/"),
        ("events-calendar", "/en/msmes/events/calendar/2025/10/"),
        ("event-live", live_event.removeprefix(site.url)),
    ]:
        page.goto(site.url + path)
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert all(value <= width for value in widths.values()), widths
