"""Playwright on Debian's Chromium (``apt-get install chromium``); no browser download."""

import os
from pathlib import Path

import pytest
from django.core.cache import caches

from msme_platform.core.models import HomePage
from msme_platform.core.starter import load_starter_content
from tests.snapshot import DatabaseSnapshot

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


_starter = DatabaseSnapshot()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the starter content, as loaded, whatever earlier tests changed.

    pytest-django empties the database after each live-server test; the starter content is
    loaded once and copied back from a snapshot before each test after that.
    """
    if _starter.taken:
        _starter.restore()
    else:
        # The session loaded it already (tests/conftest.py) unless a transactional test ran first.
        if not HomePage.objects.exists():
            load_starter_content(report=lambda line: None)
        _starter.take()
    for cache in caches.all():
        cache.clear()
    return live_server


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
