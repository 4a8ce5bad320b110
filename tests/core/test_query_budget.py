"""Queries per public page stay within budget and do not grow with the content."""

import pytest
from wagtail.models import Locale

from msme_platform.core.models import StandardPage
from msme_section.models import MSMESectionPage
from policymaker_section.models import PolicymakerSectionPage
from tests.core.factories import StandardPageFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

BUDGET = 15
PATHS = [
    "/en/",
    "/fr/",
    "/en/msmes/",
    "/en/policymakers/",
    "/en/about/",
    "/es/accessibility/",
    "/en/search/",
    "/en/search/?q=guide",
    "/en/no-such-page/",
]


def add_pages(count, start=0):
    english = Locale.get_default()
    parents = [
        MSMESectionPage.objects.get(locale=english),
        PolicymakerSectionPage.objects.get(locale=english),
        StandardPage.objects.get(slug="about", locale=english),
    ]
    for number in range(start, start + count):
        StandardPageFactory(parent=parents[number % len(parents)], title=f"Guide {number}")


def measure(client):
    counts = {}
    for path in PATHS:
        client.get(path)  # warm process-wide caches
        counts[path] = count_queries(lambda path=path: client.get(path))
    return counts


def test_each_page_stays_within_budget_at_10_and_100_items(client):
    add_pages(10)
    small = measure(client)
    add_pages(90, start=10)
    large = measure(client)
    print("\nqueries per page (10 items / 100 items):")
    for path in PATHS:
        print(f"  {path:28} {small[path]:3} / {large[path]:3}")
    assert all(count <= BUDGET for count in small.values()), small
    assert large == small
