"""The read-only public API (/api/v2/), its OpenAPI description and the data package."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import override_settings
from frictionless import Package
from openapi_spec_validator import validate
from wagtail.models import Locale

from events.models import EventPage
from msme_platform.core.caching import generation, memo
from msme_section.models import NationalProgrammePage, StudyPage
from policymaker_section import scale
from policymaker_section.models import AgreementPage, TPREntryPage
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"
RECORD_TYPES = [AgreementPage, TPREntryPage, NationalProgrammePage, StudyPage, EventPage]
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/6",
        "KEY_PREFIX": "msme-api-tests",
    }
}


def type_name(model):
    return f"{model._meta.app_label}.{model.__name__}"


def listing(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, (params, response.content[:300])
    return response.json()


@pytest.mark.parametrize("model", RECORD_TYPES, ids=type_name)
def test_each_record_type_lists_every_live_page_with_its_fields(client, model):
    data = listing(client, type=type_name(model), fields="*", limit=100)
    assert data["meta"]["total_count"] >= model.objects.live().public().count() > 0
    item = data["items"][0]
    assert item["meta"]["type"] == type_name(model)
    for api_field in model.api_fields:
        assert api_field.name in item, api_field.name
    # The permanent URL is the page's own, and it answers.
    assert urlsplit(item["permanent_url"]).path == urlsplit(item["meta"]["html_url"]).path
    assert client.get(urlsplit(item["permanent_url"]).path).status_code == 200


def test_an_agreement_comes_with_its_provisions_and_their_short_addresses(client):
    agreement = AgreementPage.objects.live().get(code="cptpp", locale__language_code="en")
    data = client.get(f"{API}{agreement.pk}/").json()
    assert data["code"] == "cptpp" and "JPN" in data["parties"]
    assert len(data["provisions"]) == agreement.provisions.count() > 0
    provision = data["provisions"][0]
    assert provision["category"] and provision["summary"]
    short = urlsplit(provision["permanent_url"]).path
    assert re.fullmatch(r"/en/policymakers/trade-agreements/provisions/\d+/", short)
    assert client.get(short, follow=True).status_code == 200


def test_country_filter_returns_only_that_countrys_records(client):
    data = listing(client, type=type_name(AgreementPage), country="ken", fields="parties")
    expected = AgreementPage.objects.live().filter(parties__iso3="KEN").distinct().count()
    assert data["meta"]["total_count"] == expected > 0
    assert all("KEN" in item["parties"] for item in data["items"])
    everything = listing(client, country="KEN", limit=100)
    types = {item["meta"]["type"] for item in everything["items"]}
    assert {type_name(AgreementPage), type_name(NationalProgrammePage)} <= types
    assert listing(client, country="ZZZ")["meta"]["total_count"] == 0


def test_topic_filter_returns_only_that_topics_records(client):
    review = TPREntryPage.objects.live().filter(topics__isnull=False).first()
    topic = review.topics.first().slug
    data = listing(client, type=type_name(TPREntryPage), topic=topic, fields="topics", limit=100)
    assert data["meta"]["total_count"] >= 1
    assert all(topic in item["topics"] for item in data["items"])


def test_locale_filter_gives_that_languages_pages(client):
    data = listing(client, type=type_name(TPREntryPage), locale="fr", limit=100)
    assert data["meta"]["total_count"] > 0
    assert {item["meta"]["locale"] for item in data["items"]} == {"fr"}
    assert all("/fr/" in item["meta"]["html_url"] for item in data["items"])


def test_bad_parameters_get_a_message_not_an_error(client):
    for params in (
        {"type": "nope.Nope"},
        {"limit": "1000"},
        {"offset": "-1"},
        {"country": "\x00"},
        {"fields": "((("},
    ):
        response = client.get(API, params)
        assert response.status_code == 400, params
        assert response.json()["message"]
    assert client.get(f"{API}999999999/").status_code == 404


def test_queries_stay_constant_as_data_grows(client):
    """Counted cold (the first request after a change: the kept answers are gone) and warm
    (the next: answered from what was kept), before and after adding 60 agreements with
    600 provisions and 60 reviews."""
    english = Locale.get_default()
    agreement = AgreementPage.objects.live().get(code="cptpp", locale=english)
    paths = [
        f"{API}?type={type_name(AgreementPage)}&fields=*&limit=100",
        f"{API}?type={type_name(TPREntryPage)}&fields=*&limit=100&country=CHN",
        f"{API}?type={type_name(StudyPage)}&fields=*&limit=100&topic=e-commerce",
        f"{API}?limit=100&locale=en",
        f"{API}{agreement.pk}/",
    ]

    def measure():
        counts = {}
        for path in paths:
            assert client.get(path).status_code == 200, path  # process-wide caches
            generation.changed()
            memo.forget()
            cold = count_queries(lambda path=path: client.get(path))
            warm = count_queries(lambda path=path: client.get(path))
            counts[path] = (cold, warm)
        return counts

    small = measure()
    scale.add_agreements(english, 60, 10)
    scale.add_reviews(english, 60)
    large = measure()
    print("\nAPI queries, cold/warm (starter data / +60 agreements, +60 reviews):")
    for path in paths:
        print(f"  {small[path]} / {large[path]}  {path}")
    assert all(cold <= 15 and warm == 0 for cold, warm in small.values()), small
    assert large == small


@override_settings(CACHES=REDIS, API_RATE_LIMIT=(3, 60))
def test_a_client_over_the_limit_gets_429_with_retry_after(client):
    cache.clear()
    codes = [client.get(API, REMOTE_ADDR="198.51.100.7").status_code for _ in range(3)]
    assert codes == [200, 200, 200]
    refused = client.get(API, REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Another client is not affected.
    assert client.get(API, REMOTE_ADDR="198.51.100.8").status_code == 200
    cache.clear()


def test_openapi_description_is_valid_and_every_path_answers(client):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    paths = spec["paths"]
    assert "/api/v2/pages/" in paths and "/api/v2/pages/{id}/" in paths
    assert any("export/{format}/" in path for path in paths)
    assert any(path.endswith("{slug}/json/") for path in paths)
    assert any(path.endswith("/ical/") for path in paths)
    for path, operations in paths.items():
        parameters = operations["get"].get("parameters", [])
        concrete = path
        for parameter in parameters:
            if parameter["in"] == "path":
                concrete = concrete.replace(f"{{{parameter['name']}}}", str(parameter["example"]))
        answer = client.get(concrete)
        assert answer.status_code == 200, concrete


def test_open_data_page_links_the_descriptions(client):
    page = client.get("/en/policymakers/trade-agreements/open-data/").content.decode()
    assert 'href="/api/v2/openapi.json"' in page
    assert 'href="/en/policymakers/trade-agreements/open-data/datapackage/"' in page
    assert 'href="/api/v2/pages/"' in page


def test_data_package_describes_every_export_and_validates(client, tmp_path):
    response = client.get("/en/policymakers/trade-agreements/open-data/datapackage/")
    assert response.status_code == 200
    descriptor = response.json()
    assert descriptor["licenses"][0]["name"]
    names = {resource["name"] for resource in descriptor["resources"]}
    for key in ("agreements", "provisions", "trade-policy-reviews"):
        assert {f"{key}-csv", f"{key}-json"} <= names
    for resource in descriptor["resources"]:
        parts = urlsplit(resource["path"])
        assert parts.scheme in ("http", "https") and parts.path.startswith("/en/")
        if resource["format"] == "csv":
            assert resource["schema"]["fields"]
            assert "url" in {f["name"] for f in resource["schema"]["fields"]} or (
                "permanent_url" in {f["name"] for f in resource["schema"]["fields"]}
            )
        # A copy with the exports' real content, so the data is checked against the schema.
        answer = client.get(urlsplit(resource["path"]).path)
        assert answer.status_code == 200, resource["path"]
        content = b"".join(answer.streaming_content) if answer.streaming else answer.content
        local = f"{resource['name']}.{resource['format']}"
        (tmp_path / local).write_bytes(content)
        resource["path"] = local
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
