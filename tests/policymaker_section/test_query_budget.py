"""Every page of the databases stays within the query budget, whatever the data size."""

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from msme_platform.core.caching import generation, memo
from policymaker_section import scale
from policymaker_section.models import Provision
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

BUDGET = 15
A = "/en/policymakers/trade-agreements/"
T = "/en/policymakers/trade-policy-reviews/"
PATHS = [
    A,
    A + "?party=JPN&category=INST_COMMITTEE&in_force=1&sort=-provisions",
    A + "?q=committee&from=2000&to=2025&region=asia&type=FTA+%26+EIA&page=2",
    A + "provisions/",
    A + "provisions/?party=JPN&category=INFO_WEB&intensity=none&sort=category",
    A + "provisions/?q=website+party&region=asia&page=3",
    A + "provisions/?q=committee&sort=category&page=2",
    A + "provisions/?party=JPN&all=party&sort=-eif&page=2",
    A + "compare/?a=cptpp&a=usmca&a=rcep",
    A + "open-data/",
    A + "cptpp/",
    A + "cptpp/json/",
    A + "export/csv/?party=JPN",
    A + "export/json/",
    A + "provisions/export/csv/?category=INFO_WEB",
    A + "provisions/export/json/?q=committee",
    T,
    T + "?member=CHN&topic=public-procurement&from=2010&to=2025&coverage=yes&q=china",
    T + "chn-2024/",
    T + "chn-2024/json/",
    T + "export/csv/?member=CHN",
    "/en/countries/chn/",
    "/en/policymakers/",
]
# Alias pages (French and Spanish until translated) cost Wagtail 2-3 more queries for
# their view restrictions; they are checked to stay constant, against a wider budget.
ALIAS_PATHS = [
    "/fr/policymakers/trade-agreements/provisions/?party=JPN",
    "/es/policymakers/trade-policy-reviews/",
]
ALIAS_BUDGET = BUDGET + 3


def run(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    if response.streaming:
        b"".join(response.streaming_content)


def measure(client):
    counts = {}
    for path in PATHS + ALIAS_PATHS:
        run(client, path)  # warm process-wide caches and the catalogue
        counts[path] = count_queries(lambda path=path: run(client, path))
    return counts


def test_each_page_stays_within_budget_at_two_sizes(client):
    small = measure(client)
    english = Locale.get_default()
    scale.add_agreements(english, 60, 10)
    scale.add_reviews(english, 60)
    assert Provision.objects.filter(page__code__startswith=scale.PREFIX).count() == 600
    cache.clear()
    large = measure(client)
    print("\nqueries per page (starter data / +60 agreements, +600 provisions, +60 reviews):")
    for path in PATHS + ALIAS_PATHS:
        print(f"  {small[path]:3} / {large[path]:3}  {path}")
    assert all(small[path] <= BUDGET for path in PATHS), small
    assert all(small[path] <= ALIAS_BUDGET for path in ALIAS_PATHS), small
    assert large == small


def test_a_cold_catalogue_costs_a_bounded_number_of_queries(client):
    """The first request after a change rebuilds the catalogue: nine queries, once (the
    ninth gives party and region names in the catalogue's language).

    A change also empties the process memo (routes, menus); emptying the memo alone,
    with the catalogue still in the shared cache (another app server built it), shows
    what that costs by itself.
    """
    run(client, A + "provisions/")
    memo.forget()
    memo_only = count_queries(lambda: run(client, A + "provisions/"))
    generation.changed()
    catalogue_change = count_queries(lambda: run(client, A + "provisions/"))
    warm = count_queries(lambda: run(client, A + "provisions/"))
    assert catalogue_change - memo_only == 9
    assert warm < memo_only
