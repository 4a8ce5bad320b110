"""Rate limits per client: on Redis when configured, per process otherwise."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from msme_platform.core import protection
from surveys.models import SurveyResponse

from .conftest import answers

pytestmark = pytest.mark.django_db

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/6",
        "KEY_PREFIX": "msme-tests",
    }
}


def _hammer(client, survey, n, address="198.51.100.1"):
    return [
        client.post(survey.url, answers(story=f"answer {i}"), REMOTE_ADDR=address).status_code
        for i in range(n)
    ]


@override_settings(CACHES=REDIS, SURVEYS_RATE_LIMIT=(3, 3600))
def test_redis_limit_refuses_the_fourth_submission_and_keeps_the_text(client, survey):
    cache.clear()
    assert _hammer(client, survey, 3) == [200, 200, 200]
    refused = client.post(survey.url, answers(story="keep me"), REMOTE_ADDR="198.51.100.1")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "many answers from your connection" in html and "keep me" in html
    assert SurveyResponse.objects.count() == 3
    # Another client is not affected.
    assert _hammer(client, survey, 1, address="198.51.100.2") == [200]
    cache.clear()


@override_settings(SURVEYS_RATE_LIMIT=(2, 3600))
def test_without_redis_the_limit_still_applies_per_process(client, survey):
    assert _hammer(client, survey, 3) == [200, 200, 429]


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    },
    SURVEYS_RATE_LIMIT=(1, 3600),
)
def test_unreachable_cache_lets_submissions_through_to_moderation():
    """Refusing every respondent because the cache is down would lose answers."""
    assert protection.over_rate_limit("survey:x", "client") is False
    assert protection.over_rate_limit("survey:x", "client") is False
