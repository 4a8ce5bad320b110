"""Public results: approved answers only, counted, with small counts suppressed."""

import pytest

from surveys.enums import ModerationStatus
from surveys.models import SurveyResponse

from .conftest import answers

pytestmark = pytest.mark.django_db


def submit(client, survey, n, **overrides):
    for _ in range(n):
        client.post(survey.url, answers(**overrides))


def results(client, survey):
    return client.get(survey.url + "results/")


def test_results_wait_for_five_approved_responses(client, survey):
    submit(client, survey, 6)
    SurveyResponse.objects.filter(
        pk__in=list(SurveyResponse.objects.values_list("pk", flat=True)[:4])
    ).update(status=ModerationStatus.APPROVED)
    html = results(client, survey).content.decode()
    assert "Results appear once at least 5 responses have been checked" in html
    assert "results-table" not in html


def test_results_show_counts_of_approved_answers_and_no_free_text(client, survey):
    submit(client, survey, 6, story="my private story")
    submit(client, survey, 2, exports="No", country="FRA")
    submit(client, survey, 3, exports="No")  # stays unapproved
    approved = list(SurveyResponse.objects.order_by("pk").values_list("pk", flat=True)[:8])
    SurveyResponse.objects.filter(pk__in=approved).update(status=ModerationStatus.APPROVED)
    response = results(client, survey)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Based on 8 checked responses." in html
    assert "<svg" in html and "<table" in html
    assert "my private story" not in html
    assert "Tell us more" not in html  # free-text question not shown
    assert "Kenya" in html
    # 6 said yes (shown), 2 said no: fewer than 5, suppressed.
    assert "<td>6</td>" in html
    assert "fewer than 5" in html
    assert "<td>2</td>" not in html
    assert "France" in html and "<td>2</td><td>25%</td>" not in html


def test_results_are_private_unless_published(client, survey):
    survey.results_public = False
    survey.save_revision().publish()
    assert results(client, survey).status_code == 404
