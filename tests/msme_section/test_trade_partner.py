"""My trade partner: an exporter picks their economy and a market (issue 17, item 5).

The pairs and names below are the starter data's (rta_agreements.csv, rta_provisions.csv,
national_programmes.csv). Japan and Australia are parties to three agreements in force
with MSME provisions (CPTPP, RCEP and the Japan - Australia agreement of the ToTA corpus)
and to the TPP, which never entered into force. Kenya and the European Union are parties
to no common agreement: Kenya's one is COMESA.
"""

import datetime
import html
import re
from html.parser import HTMLParser

import pytest
import time_machine
from wagtail.models import Locale

from events.models import EventIndexPage
from msme_platform.core.caching import memo
from msme_platform.core.collation import sorted_by_name
from msme_platform.core.models import Country
from msme_section.models import ProgrammeIndexPage, TradePartnerPage
from policymaker_section.models import AgreementIndexPage, ProvisionCategory
from tests.events.factories import EventPageFactory
from tests.msme_section.factories import NationalProgrammePageFactory, english, english_country
from tests.policymaker_section.factories import AgreementPageFactory, ProvisionFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

PAGE = "/en/msmes/my-trade-partner/"
BUDGET = 15
CPTPP = "Comprehensive and Progressive Agreement for Trans-Pacific Partnership"
RCEP = "Regional Comprehensive Economic Partnership Agreement"
JAPAN_AUSTRALIA = "Japan - Australia"
TPP = "Trans-Pacific Partnership Agreement"


class Element(HTMLParser):
    """The text inside the element with a given id (nested elements included)."""

    def __init__(self, element_id):
        super().__init__()
        self.element_id, self.depth, self.tag, self.parts = element_id, 0, None, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag == self.tag
        elif dict(attrs).get("id") == self.element_id:
            self.tag, self.depth = tag, 1

    def handle_endtag(self, tag):
        if self.depth and tag == self.tag:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(body, element_id):
    """What a visitor reads in the ``<section>`` headed by ``element_id``."""
    parser = Element(element_id)
    parser.feed(body)
    heading = " ".join(" ".join(parser.parts).split())
    assert heading, f"no element #{element_id}"
    # The heading's section: from the heading to the end of its parent section.
    start = body.index(f'id="{element_id}"')
    section_start = body.rindex("<section", 0, start)
    depth, position = 0, section_start
    for match in re.finditer(r"<(/?)section\b", body[section_start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            position = section_start + match.start()
            break
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body[section_start:position])).split())


def get(client, query, path=PAGE):
    response = client.get(path + query)
    assert response.status_code == 200
    return response.content.decode()


def test_japan_to_australia_lists_the_agreements_in_force_grouped_by_category(client):
    body = get(client, "?exporter=JPN&market=AUS")
    agreements = text_of(body, "partner-agreements")
    assert "3 agreements in force between Japan and Australia" in agreements
    for name in (CPTPP, RCEP, JAPAN_AUSTRALIA):
        assert name in agreements
    # The TPP was signed and never entered into force: named apart, not as in force.
    listed, rest = agreements.split("Also recorded between the two")
    assert TPP not in listed.replace(CPTPP, "")
    assert TPP in rest
    # Grouped under the categories' names, each provision linked on its agreement's page.
    web = text_of(body, "category-info_web")
    assert "Information sharing via SME website/digital medium" in web
    assert "CPTPP, 24.1 Information Sharing" in web
    assert "RCEP" in web
    assert "Japan - Australia, 13.10 Cooperation" in text_of(body, "category-ecom")
    assert 'href="/en/policymakers/trade-agreements/cptpp/#provision-' in body
    headings = re.findall(r'<h5 id="category-[^"]+">([^<]+)</h5>', body)
    order = [c.name for c in ProvisionCategory.objects.filter(locale=Locale.get_default())]
    assert headings == [name for name in order if name in headings]


def test_contact_points_say_none_is_recorded_and_point_to_the_provisions(client):
    contacts = text_of(get(client, "?exporter=JPN&market=AUS"), "partner-contacts")
    assert contacts.count("No contact point recorded") == 2
    assert "Japan No contact point recorded" in contacts
    assert "Australia No contact point recorded" in contacts
    # CPTPP 24.1: each party keeps a public website for SMEs.
    assert "CPTPP, 24.1 Information Sharing" in contacts
    assert "public website" in contacts


def test_the_exporters_own_programmes_export_promotion_first(client):
    body = get(client, "?exporter=AUS&market=JPN")
    programmes = text_of(body, "partner-programmes")
    assert "Support programmes in Australia" in programmes
    assert "Export Market Development Grants (EMDG)" in programmes
    assert "Marukei loans" not in programmes  # the market's are not the exporter's
    titles = re.findall(r'<h4 class="card__title"><a href="[^"]+">([^<]+)</a>', body)
    assert titles[0] == "Export Market Development Grants (EMDG)"


def test_kenya_and_the_european_union_share_no_agreement_and_each_side_is_shown(client):
    body = get(client, "?exporter=KEN&market=EUN")
    agreements = text_of(body, "partner-agreements")
    assert (
        "We have not recorded an agreement in force between Kenya and European Union "
        "with provisions for small businesses." in agreements
    )
    assert "recorded as one party to the agreements it concluded for all its member" in agreements
    kenya, union = text_of(body, "side-exporter"), text_of(body, "side-market")
    assert "Common Market for Eastern and Southern Africa (COMESA)" in kenya
    assert "Agreement between the European Union and Japan for an Economic Partnership" in union
    assert "Enterprise Europe Network (EEN)" in union
    assert "Micro and Small Enterprises Authority (MSEA)" in text_of(body, "partner-programmes")
    assert text_of(body, "partner-contacts").count("No contact point recorded") == 2


def test_kenya_to_france_says_eu_agreements_are_under_the_european_union(client):
    body = get(client, "?exporter=KEN&market=FRA")
    agreements = text_of(body, "partner-agreements")
    assert "We have not recorded an agreement in force between Kenya and France" in agreements
    assert "choose European Union as well to see those agreements" in agreements
    assert "Assurance prospection" in text_of(body, "side-market")  # France's own programme


def test_upcoming_events_in_either_economy_come_first_else_the_next_ones(client):
    events = english(EventIndexPage)
    EventPageFactory(parent=events, title="Workshop on exporting anywhere")
    body = get(client, "?exporter=KEN&market=EUN")
    upcoming = text_of(body, "partner-events")
    assert "No upcoming event is recorded in Kenya or European Union" in upcoming
    assert "Workshop on exporting anywhere" in upcoming
    EventPageFactory(
        parent=events, title="Nairobi exporters' clinic", country=english_country("KEN")
    )
    upcoming = text_of(get(client, "?exporter=KEN&market=EUN"), "partner-events")
    assert "Nairobi exporters' clinic" in upcoming
    assert "Workshop on exporting anywhere" not in upcoming


def test_an_event_leaves_the_list_when_it_ends_without_any_content_change(client):
    """The events section is kept between requests; the clock alone must move it on."""
    events = english(EventIndexPage)
    EventPageFactory(
        parent=events,
        title="Nairobi exporters' clinic",
        country=english_country("KEN"),
        start_date=datetime.date(2030, 5, 14),
    )
    EventPageFactory(
        parent=events,
        title="Mombasa packaging day",
        country=english_country("KEN"),
        start_date=datetime.date(2030, 6, 3),
    )
    with time_machine.travel(datetime.datetime(2030, 5, 14, 11, 0, tzinfo=datetime.UTC)):
        upcoming = text_of(get(client, "?exporter=KEN&market=EUN"), "partner-events")
        assert "Nairobi exporters' clinic" in upcoming
        assert "Live now" not in upcoming
    # 14:30 in Geneva: the clinic (14:00 to 16:00, Geneva time) is on.
    with time_machine.travel(datetime.datetime(2030, 5, 14, 12, 30, tzinfo=datetime.UTC)):
        upcoming = text_of(get(client, "?exporter=KEN&market=EUN"), "partner-events")
        assert "Live now" in upcoming
    with time_machine.travel(datetime.datetime(2030, 5, 15, 9, 0, tzinfo=datetime.UTC)):
        upcoming = text_of(get(client, "?exporter=KEN&market=EUN"), "partner-events")
        assert "Nairobi exporters' clinic" not in upcoming
        assert "Mombasa packaging day" in upcoming


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?exporter=KEN&market=KEN", "Choose a market other than your own economy"),
        ("?exporter=XXX&market=JPN", "Choose your economy from the list."),
        ("?exporter=KEN&market=%3Cb%3E", "Choose the market from the list."),
        ("?exporter=KEN&market=", "Choose the market you sell to or want to sell to."),
        ("?market=JPN", "Choose the economy where your business is based."),
    ],
)
def test_bad_pairs_get_a_clear_message_and_the_form_keeps_the_input(client, query, message):
    body = get(client, query)
    assert message in body
    assert "Please check your answers." in body
    assert 'id="answer"' not in body
    if "exporter=KEN" in query:
        assert '<option value="KEN" selected>Kenya</option>' in body
    assert "<b>" not in body


def test_a_country_profile_links_to_the_page_with_that_country_as_the_exporter(client):
    profile = get(client, "", "/en/countries/ken/")
    assert f'href="{PAGE}?exporter=KEN"' in profile
    body = get(client, "?exporter=KEN")
    assert '<option value="KEN" selected>Kenya</option>' in body
    assert "Please check your answers." not in body
    assert f'href="{PAGE}"' in get(client, "", "/en/msmes/")


@pytest.mark.parametrize(
    ("language", "title", "japan"),
    [
        ("en", "My trade partner", "Japan"),
        ("fr", "Mon partenaire commercial", "Japon"),
        ("es", "Mi socio comercial", "Japón"),
    ],
)
def test_the_page_is_in_three_languages_with_names_in_the_languages_order(
    client, language, title, japan
):
    path = TradePartnerPage.objects.get(locale__language_code=language).url
    assert path.startswith(f"/{language}/msmes/")
    body = get(client, "?exporter=JPN&market=AUS", path)
    assert f'<html lang="{language}"' in body
    assert f"<h1>{title}</h1>" in body
    assert japan in text_of(body, "answer-heading")
    assert "CPTPP" in text_of(body, "partner-agreements")
    market_select = body.split('name="market"')[1]
    options = [
        html.unescape(name)
        for name in re.findall(r'<option value="[A-Z]{3}">([^<]+)</option>', market_select)
    ]
    assert options == sorted_by_name(options)
    assert len(options) > 150


BUDGET_PATHS = [
    PAGE + "?exporter=JPN&market=AUS",
    PAGE + "?exporter=KEN&market=EUN",
    PAGE + "?exporter=JPN",
    "/fr/msmes/my-trade-partner/?exporter=JPN&market=AUS",
]


def measure(client):
    """``{path: (cold, warm)}``: the first request once the process memo is empty (the
    shared cache already holds the catalogue, rebuilt once after a change for every
    process), then the next one."""
    counts = {}
    for path in BUDGET_PATHS:
        assert client.get(path).status_code == 200, path
        memo.forget()
        cold = count_queries(lambda path=path: client.get(path))
        counts[path] = (cold, count_queries(lambda path=path: client.get(path)))
    return counts


def test_query_count_stays_the_same_as_the_data_grows(client):
    english_locale = Locale.get_default()
    japan, australia = (Country.objects.get(iso3=c, locale=english_locale) for c in ("JPN", "AUS"))
    agreements = english(AgreementIndexPage)
    programmes = english(ProgrammeIndexPage)
    category = ProvisionCategory.objects.get(code="INST_CONTACT", locale=english_locale)
    events = english(EventIndexPage)
    created = []

    def grow(count):
        for number in range(len(created), len(created) + count):
            agreement = AgreementPageFactory(
                parent=agreements,
                parties=[japan, australia],
                title=f"Japan-Australia deal {number}",
            )
            for _ in range(3):
                ProvisionFactory(page=agreement, category=category)
            agreement.save_revision().publish()
            NationalProgrammePageFactory(parent=programmes, country=japan)
            EventPageFactory(
                parent=events, country=japan, start_date=datetime.date(2030, 1, 1 + number % 28)
            )
            created.append(agreement)

    grow(10)
    small = measure(client)
    grow(40)
    large = measure(client)
    print("\ntrade partner page, queries cold / warm (10 items, 50 items):")
    for path in BUDGET_PATHS:
        print(f"  {path:60} {small[path]} {large[path]}")
    assert all(cold <= BUDGET and warm <= cold for cold, warm in small.values()), small
    assert large == small
    body = get(client, "?exporter=JPN&market=AUS")
    assert "Japan-Australia deal 49" in body
    assert "53 agreements in force between Japan and Australia" in body
