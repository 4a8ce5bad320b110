"""Survey, results and forum pages stay within the query budget as data grows."""

import pytest

from surveys.enums import ModerationStatus
from surveys.models import ForumPost, SurveyResponse
from tests.utils import assert_constant_queries

from .conftest import answers

pytestmark = pytest.mark.django_db
BUDGET = 15


def _responses(survey, n, status=ModerationStatus.APPROVED):
    data = answers()
    data["needs"] = ["Tariffs"]
    for key in ("form_token", "website", "consent"):
        data.pop(key)
    SurveyResponse.objects.bulk_create(
        [SurveyResponse(page=survey, form_data=data, status=status) for _ in range(n)]
    )


def test_survey_page(client, survey):
    count = assert_constant_queries(
        lambda: client.get(survey.url), lambda: _responses(survey, 90), BUDGET
    )
    print(f"survey page: {count} queries (cold, warm)")


def test_results_page(client, survey):
    _responses(survey, 10)
    count = assert_constant_queries(
        lambda: client.get(survey.url + "results/"), lambda: _responses(survey, 90), BUDGET
    )
    print(f"results page: {count} queries (cold, warm)")


def _posts(forum, n):
    parents = ForumPost.objects.bulk_create(
        [
            ForumPost(page=forum, name=f"P{i}", text="Q", country_code="KEN", status="approved")
            for i in range(n)
        ]
    )
    ForumPost.objects.bulk_create(
        [
            ForumPost(page=forum, parent=p, name="R", text="A", status="approved", is_official=True)
            for p in parents
        ]
    )


def test_forum_page(client, forum):
    _posts(forum, 5)
    count = assert_constant_queries(
        lambda: client.get(forum.url), lambda: _posts(forum, 45), BUDGET
    )
    print(f"forum page: {count} queries (cold, warm)")


def test_index_page(client, index_page):
    count = assert_constant_queries(lambda: client.get(index_page.url), lambda: None, BUDGET)
    print(f"index page: {count} queries (cold, warm)")
