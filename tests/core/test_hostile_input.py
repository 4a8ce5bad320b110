"""Hostile input to every public URL parameter and form field: never a server error.

The parameters are not listed by hand: each public page type is fetched and every field of
its GET forms and every query parameter of its links is collected, so a filter added later
is fuzzed without anyone remembering to add it here. Public POST forms (survey, forum) are
found the same way and submitted with hostile values in each visible field; a value that
comes back on the page must come back escaped.

Each test prints how many cases it tried (run with ``-s`` to see them).
"""

import html
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
KNOWN_BAD = [
    "",
    " ",
    "x" * 10_000,
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "-99999999999999999999",
    str(10**30),
    "1e309",
    "NaN",
    "3.5",
    "' OR 1=1--",
    "1; DROP TABLE wagtailcore_page;--",
    '" OR ""="',
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${7*7}",
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "a & b | !c <-> d:*",
    "!!!",
    "(((",
    "foo:* & (bar | !baz)",
    "\u202egnp.exe",
    "مرحبا \u200f",
    "🙂👩🏽‍💻",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "../../etc/passwd",
    "%00",
    "\r\nSet-Cookie: x=1",
]
# The Atom feeds (core/feeds.py), with a topic and a country of the starter content.
FEEDS = [
    "new/",
    "msmes/",
    "policymakers/",
    "events/",
    "agreements/",
    "provisions/",
    "topics/access-to-finance/",
    "countries/jpn/",
    "calendars/che/",
]
# Percent-escapes that are not valid UTF-8, sent raw in the query string.
RAW_ESCAPES = ["%ff%fe", "%c0%af", "%", "%00"]

hostile_text = st.one_of(
    st.sampled_from(KNOWN_BAD),
    st.text(max_size=300),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.lists(st.sampled_from(KNOWN_BAD), min_size=2, max_size=4).map("".join),
)

FUZZ_SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


class FormAndLinkParser(HTMLParser):
    """Collects GET parameter names (forms and links) and public POST forms."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.get_params = set()
        self.links = set()
        self.post_forms = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            action = urlsplit(attrs.get("action") or self.path).path or self.path
            self._form = {"method": method, "action": action, "fields": {}, "hidden": {}}
        elif tag in ("input", "select", "textarea") and self._form and attrs.get("name"):
            name, kind = attrs["name"], (attrs.get("type") or tag).lower()
            if kind in ("hidden",):
                self._form["hidden"][name] = attrs.get("value", "")
            elif kind not in ("submit", "button", "file"):
                self._form["fields"][name] = kind
        elif tag == "a" and attrs.get("href"):
            parts = urlsplit(attrs["href"])
            if parts.query and (not parts.netloc) and (not parts.path or parts.path == self.path):
                self.get_params.update(name for name, _ in parse_qsl(parts.query))
            elif parts.path.startswith(self.path) and not parts.netloc and parts.path != self.path:
                self.links.add(parts.path)

    def handle_endtag(self, tag):
        if tag == "form" and self._form:
            if self._form["method"] == "get":
                self.get_params.update(self._form["fields"])
                self.get_params.update(self._form["hidden"])
            else:
                self.post_forms.append(self._form)
            self._form = None


def one_page_per_type():
    """English pages, one of each type; French and Spanish share their templates and views."""
    pages = {}
    live = Page.objects.live().public().filter(depth__gt=1, locale__language_code="en")
    for page in live.specific().iterator():
        pages.setdefault(type(page), page)
    return [page.url for page in pages.values() if page.url]


@pytest.fixture
def surface(client):
    """Every public URL with the GET parameters it takes, and every public POST form."""
    params = defaultdict(set)
    forms = []
    queue = one_page_per_type()
    seen = set()
    while queue and len(seen) < 100:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        params[path]  # noqa: B018 - every path is fuzzed, with or without parameters
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = FormAndLinkParser(path)
        parser.feed(response.content.decode())
        params[path].update(parser.get_params)
        forms.extend(f for f in parser.post_forms if not f["action"].startswith("/admin/"))
        # Sub-routes (provisions, compare, exports, calendar, past…) have short names; a
        # few children of each listing are enough (their templates are shared).
        children = sorted(parser.links, key=lambda link: (len(link), link))
        queue.extend(link for link in children[:8] if link.count("/") <= path.count("/") + 3)
    for path in ("/fr/", "/es/", "/fr/policymakers/trade-agreements/", "/es/msmes/events/"):
        params[path]  # noqa: B018 - the other languages share the views; their roots differ
    for feed in FEEDS:
        params[f"/en/feeds/{feed}"]  # noqa: B018 - Atom feeds are linked from <head> only
    return dict(params), forms


def test_every_public_parameter_survives_hostile_values(client, surface):
    params, _forms = surface
    paths = sorted(params)
    assert len(paths) > 30, paths
    assert any("calendar" in path for path in paths)
    assert any("export" in path for path in paths)
    tried = []

    @FUZZ_SETTINGS
    @given(data=st.data())
    def fuzz(data):
        path = data.draw(st.sampled_from(paths))
        names = sorted(params[path] | {"q", "page"})  # read by any page, declared or not
        chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
        query = {name: data.draw(hostile_text) for name in chosen}
        response = client.get(path, query)
        tried.append((path, query))
        assert response.status_code < 500, (path, query)
        if "html" in response.get("Content-Type", ""):
            body = response.content.decode()
            assert SCRIPT not in body, (path, query)

    fuzz()
    # Every known-bad value once in every parameter, and raw bad escapes: on one path of
    # each kind (same parent, same parameters: detail pages share a template).
    kinds = {}
    for path in paths:
        if params[path]:
            kinds.setdefault((path.rstrip("/").rsplit("/", 1)[0], frozenset(params[path])), path)
    for path in sorted(kinds.values()):
        for name in sorted(params[path]):
            for value in (SCRIPT, "x" * 10_000, "\x00", str(10**30), "-1"):
                response = client.get(path, {name: value})
                tried.append((path, name))
                assert response.status_code < 500, (path, name, value[:40])
            for raw in RAW_ESCAPES:
                response = client.get(f"{path}?{name}={raw}")
                tried.append((path, name))
                assert response.status_code < 500, (path, name, raw)
    print(f"\nhostile GET: {len(tried)} requests over {len(paths)} paths ({len(kinds)} kinds)")


@pytest.mark.parametrize(
    "suffix",
    [
        "calendar/99999999999999999999/1/",
        "calendar/2026/13/",
        "calendar/2026/0/",
        "calendar/0/1/",
        "calendar/10000/12/",
        "calendar/-1/1/",
        "ical/",
        "past/",
    ],
)
def test_event_calendar_paths_take_any_year_and_month(client, suffix):
    response = client.get(f"/en/msmes/events/{suffix}")
    assert response.status_code < 500


@pytest.mark.parametrize(
    "suffix",
    [
        "provisions/99999999999999999999999/",
        "provisions/0/",
        "cptpp/provisions/99999999999999999999999/",
        "cptpp/provisions/0/",
        "cptpp/provisions/-1/",
        "cptpp/provisions/abc/",
        "export/xml/",
        "export/%00/",
        "provisions/export/csv/",
        "compare/?a=-1&a=99999999999999999999&a=%ff",
        "open-data/",
    ],
)
def test_agreement_paths_take_any_id_and_format(client, suffix):
    response = client.get(f"/en/policymakers/trade-agreements/{suffix}")
    assert response.status_code < 500


@pytest.mark.parametrize("kind", ["page", "provision", "person", "%ff", "a" * 300])
@pytest.mark.parametrize("pk", ["0", "1", "99999999999999999999999", "-1"])
@pytest.mark.parametrize("fmt", ["csl-json", "bibtex", "xml", "%00"])
def test_citation_downloads_take_any_kind_id_and_format(client, kind, pk, fmt):
    response = client.get(f"/en/cite/{kind}/{pk}/{fmt}/?q=%ff&page=-1")
    assert response.status_code < 500


def test_paths_with_hostile_segments_are_not_found_not_errors(client):
    for path in [
        "/en/%ff%fe/",
        "/en/%c0%af/",
        "/en/" + "a" * 5000 + "/",
        "/en/search/%00/",
        "/xx/",
        "/en/countries/%ff/",
        "/en/countries/' OR 1=1--/",
        "/en/feeds/%ff/",
        "/en/feeds/countries/%c0%af/",
        "/en/feeds/countries/' OR 1=1--/",
        "/en/feeds/countries/" + "x" * 5000 + "/",
        "/en/feeds/topics/%00/",
        "/en/feeds/topics/../../etc/passwd/",
        "/fr/feeds/topics/zzzz/",
        "/es/feeds/new/x/",
        "/en/feeds/calendars/%ff/",
        "/en/feeds/calendars/' OR 1=1--/",
        "/documents/-1/x.pdf",
        "/documents/99999999999999999999/x.pdf",
    ]:
        assert client.get(path).status_code < 500, path


@override_settings(SURVEYS_MIN_FILL_SECONDS=0, SURVEYS_RATE_LIMIT=None)
def test_every_public_form_survives_hostile_values_and_echoes_them_escaped(client, surface):
    _params, forms = surface
    actions = {form["action"] for form in forms}
    assert any("have-your-say" in action for action in actions), actions
    assert len(forms) >= 2, actions
    tried = []

    def submit(form, values):
        payload = dict(form["hidden"])
        for name, kind in form["fields"].items():
            if kind in ("checkbox", "radio"):
                continue
            payload[name] = values.get(name, "")
        payload.update({k: v for k, v in values.items() if k not in payload})
        response = client.post(form["action"], payload)
        tried.append(form["action"])
        assert response.status_code < 500, (form["action"], payload)
        return response

    @FUZZ_SETTINGS
    @given(data=st.data())
    def fuzz(data):
        form = data.draw(st.sampled_from(forms))
        values = {name: data.draw(hostile_text) for name in form["fields"]}
        if data.draw(st.booleans()):  # tampered hidden fields too (tokens, parent ids)
            values.update({name: data.draw(hostile_text) for name in form["hidden"]})
        response = submit(form, values)
        if "html" in response.get("Content-Type", ""):
            assert SCRIPT not in response.content.decode()

    fuzz()
    # A script in a text field comes back escaped when the form is shown again.
    echoed = 0
    for form in forms:
        text_fields = [n for n, kind in form["fields"].items() if kind in ("text", "textarea")]
        for name in text_fields:
            fresh = client.get(form["action"])
            parser = FormAndLinkParser(form["action"])
            parser.feed(fresh.content.decode())
            current = next(f for f in parser.post_forms if f["action"] == form["action"])
            # Leave a required field empty so the form is shown again with the value.
            values = dict.fromkeys(current["fields"], "")
            values[name] = SCRIPT
            response = submit(current, values)
            body = response.content.decode()
            assert SCRIPT not in body
            if response.status_code == 200 and html.escape(SCRIPT) in body:
                echoed += 1
    assert echoed >= 1
    print(f"\nhostile POST: {len(tried)} submissions to {len(actions)} forms, {echoed} echoed")


TRADE_PARTNER = "/en/msmes/my-trade-partner/"


def test_the_trade_partner_page_takes_any_pair_of_values(client):
    """Both selects at once, repeated, one missing or one raw escape: a message, never a 500."""
    tried = []

    @FUZZ_SETTINGS
    @given(exporter=hostile_text, market=hostile_text, swap=st.booleans())
    def fuzz(exporter, market, swap):
        query = {"exporter": exporter, "market": market} if not swap else {"market": market}
        response = client.get(TRADE_PARTNER, query)
        tried.append(query)
        assert response.status_code == 200, query
        assert SCRIPT not in response.content.decode(), query

    fuzz()
    for query in (
        "exporter=KEN&exporter=JPN&market=AUS",
        "exporter=jpn&market=aus",
        "exporter=%20KEN%20&market=EUN",
        *(f"exporter={raw}&market=JPN" for raw in RAW_ESCAPES),
        *(f"exporter=KEN&market={raw}" for raw in RAW_ESCAPES),
    ):
        response = client.get(f"{TRADE_PARTNER}?{query}")
        tried.append(query)
        assert response.status_code == 200, query
    print(f"\ntrade partner: {len(tried)} requests")


API_PARAMETERS = [
    "type",
    "locale",
    "country",
    "topic",
    "limit",
    "offset",
    "fields",
    "order",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "site",
    "html_path",
    "id",
    "format",
]


def test_every_api_parameter_survives_hostile_values(client):
    """The public API (/api/v2/): any value of any parameter, a clear 4xx at worst."""
    page_id = Page.objects.live().filter(depth__gt=2).values_list("pk", flat=True).first()
    paths = ["/api/v2/pages/", f"/api/v2/pages/{page_id}/", "/api/v2/pages/find/"]
    tried = []

    @FUZZ_SETTINGS
    @given(data=st.data())
    def fuzz(data):
        path = data.draw(st.sampled_from(paths))
        chosen = data.draw(
            st.lists(st.sampled_from(API_PARAMETERS), min_size=1, max_size=3, unique=True)
        )
        query = {name: data.draw(hostile_text) for name in chosen}
        if data.draw(st.booleans()):
            query["type"] = data.draw(
                st.sampled_from(["policymaker_section.AgreementPage", "events.EventPage"])
            )
        response = client.get(path, query)
        tried.append((path, query))
        assert response.status_code < 500, (path, query)

    fuzz()
    for path in paths:
        for name in API_PARAMETERS:
            for value in (SCRIPT, "x" * 10_000, "\x00", str(10**30), "-1", "*", "-id"):
                assert client.get(path, {name: value}).status_code < 500, (path, name, value)
            for raw in RAW_ESCAPES:
                assert client.get(f"{path}?{name}={raw}").status_code < 500, (path, name, raw)
            tried.append((path, name))
    for path in ("/api/v2/pages/-1/", "/api/v2/pages/99999999999999999999/", "/api/v2/x/"):
        assert client.get(path).status_code < 500, path
    print(f"\nhostile API GET: {len(tried)} cases")
