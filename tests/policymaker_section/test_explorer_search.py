"""The provisions explorer's text search and paging, on whichever database runs the tests.

Run them on PostgreSQL too (``DATABASE_URL=postgresql://…``): there the search goes
through trigram indexes, on SQLite through a scan, and both must find the same things.
"""

import json

import pytest
from django.db import connection
from django.db.models import Q
from wagtail.models import Locale

from policymaker_section import scale
from policymaker_section.explorer import (
    FACET_LIMIT,
    PROVISION_SORTS,
    PROVISION_TEXT_FIELDS,
    PROVISIONS_PER_PAGE,
)
from policymaker_section.models import AgreementPage, Provision, ProvisionCategory

from .factories import ProvisionFactory

pytestmark = pytest.mark.django_db

AGREEMENTS = "/en/policymakers/trade-agreements/"
PROVISIONS = AGREEMENTS + "provisions/"


def anchors(response):
    return [p.pk for p in response.context["results"]]


def test_a_word_of_a_summary_or_an_excerpt_finds_the_provision(client):
    cptpp = AgreementPage.objects.get(code="cptpp", locale__language_code="en")
    # Searched once before it exists: the cached answer must not outlive the publish.
    assert anchors(client.get(PROVISIONS, {"q": "quokkaboard"})) == []
    provision = ProvisionFactory(
        page=cptpp,
        category=Provision.objects.filter(page=cptpp).first().category,
        summary="Parties set up a Quokkaboard to hear small firms.",
        excerpt="Each Party shall consult the Wallabyforum annually.",
    )
    cptpp.save_revision().publish()
    for word in ("quokkaboard", "QUOKKABOARD", "wallabyforum", "Wallaby", "kkabo"):
        response = client.get(PROVISIONS, {"q": word})
        assert anchors(response) == [provision.pk], (connection.vendor, word)
        assert f'/cptpp/provisions/{provision.pk}/"' in response.content.decode()
    # Every word must match, in any field or the agreement's name.
    assert anchors(client.get(PROVISIONS, {"q": "quokkaboard cptpp"})) == [provision.pk]
    assert anchors(client.get(PROVISIONS, {"q": "quokkaboard wallabyforum"})) == [provision.pk]
    assert anchors(client.get(PROVISIONS, {"q": "quokkaboard usmca"})) == []


def test_the_agreement_list_counts_follow_a_publish(client):
    """The filtered list and its facet counts are kept per filter between edits."""
    cptpp = AgreementPage.objects.get(code="cptpp", locale__language_code="en")
    query = {"q": "quokkaboard", "category": "INST_COMMITTEE"}
    assert client.get(AGREEMENTS, query).context["total"] == 0
    ProvisionFactory(
        page=cptpp,
        category=ProvisionCategory.objects.get(code="INST_COMMITTEE", locale=cptpp.locale),
        summary="Parties set up a Quokkaboard to hear small firms.",
    )
    cptpp.save_revision().publish()
    response = client.get(AGREEMENTS, query)
    assert response.context["total"] == 1
    assert f'id="agreement-{cptpp.code}"' in response.content.decode()


@pytest.mark.parametrize(
    "q",
    [
        "\x00",
        "committee\x00 dialogue",
        "x" * 5000,
        "%",
        "%%_",
        "'",
        "' OR '1'='1",
        "a & b | !c",
        "(committee:*) & !(dialogue) <-> sme",
        "\\",
        "💼 PME",
    ],
)
def test_hostile_text_answers_with_a_list(client, q):
    for path in (PROVISIONS, AGREEMENTS, "/en/policymakers/trade-policy-reviews/"):
        response = client.get(path, {"q": q})
        assert response.status_code == 200, (path, q)
    wildcard = client.get(PROVISIONS, {"q": q})
    if q.strip("%_") == "":  # LIKE wildcards are searched for literally, not as "anything"
        literal = Q()
        for name in PROVISION_TEXT_FIELDS:
            literal |= Q(**{f"{name}__contains": q})
        english = Provision.objects.filter(page__locale__language_code="en", page__live=True)
        # One provision quotes a "ten percent (10%)" preference: only it matches "%".
        assert wildcard.context["total"] == english.filter(literal).count() < english.count()


def test_a_long_query_is_shortened_and_said_so(client):
    response = client.get(PROVISIONS, {"q": "committee " * 500})
    assert "shortened to 200 characters" in response.content.decode()


@pytest.mark.parametrize("sort", list(PROVISION_SORTS))
@pytest.mark.parametrize(
    "query", [{}, {"q": "information"}, {"intensity": ["binding", "none"], "in_force": "1"}]
)
def test_pages_of_results_follow_the_export_order_without_gaps(client, sort, query):
    """Pages are cut from group counts, not from a sorted list: prove they add up."""
    scale.add_agreements(Locale.get_default(), 6, 7)
    params = {**query, "sort": sort}
    exported = json.loads(client.get(PROVISIONS + "export/json/", params).content)
    expected = [int(row["provision_id"]) for row in exported["results"]]
    first = client.get(PROVISIONS, params)
    pages = first.context["results"].paginator.num_pages
    assert first.context["total"] == len(expected) > PROVISIONS_PER_PAGE
    seen = anchors(first)
    for number in range(2, pages + 1):
        seen += anchors(client.get(PROVISIONS, {**params, "page": number}))
    assert seen == expected


def test_a_long_facet_shows_its_biggest_values_and_links_to_all(client):
    response = client.get(PROVISIONS, {"party": "NZL"})
    party = next(f for f in response.context["facets"] if f.name == "party")
    assert party.hidden > 0
    shown = [o.value for o in party.options]
    assert len(shown) <= FACET_LIMIT + 1 and "NZL" in shown
    html = response.content.decode()
    assert f"Show {party.hidden} more (Party)" in html
    everything = client.get(PROVISIONS + party.toggle_url)
    full = next(f for f in everything.context["facets"] if f.name == "party")
    assert full.hidden == 0 and len(full.options) == len(shown) + party.hidden
    assert 'name="all" value="party"' in everything.content.decode()  # kept on submit
    assert everything.context["total"] == response.context["total"]
    back = client.get(PROVISIONS + full.toggle_url)
    assert [o.value for o in back.context["facets"][1].options] == shown
