"""Retention: purge_expired_responses deletes or anonymises responses past their time."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from surveys.enums import ModerationStatus
from surveys.models import ForumPost, SurveyResponse

from .conftest import answers

pytestmark = pytest.mark.django_db


def test_purge_deletes_unapproved_and_anonymises_approved(client, survey, capsys):
    survey.retention_days = 30
    survey.save_revision().publish()
    for _ in range(3):
        client.post(survey.url, answers(story="my name is Ana"))
    old, old_approved, recent = SurveyResponse.objects.order_by("pk")
    SurveyResponse.objects.filter(pk__in=[old.pk, old_approved.pk]).update(
        submit_time=timezone.now() - timedelta(days=31)
    )
    old_approved.moderate(ModerationStatus.APPROVED, None)

    call_command("purge_expired_responses", "--dry-run")
    assert "Would have: 1 responses deleted, 1 anonymised" in capsys.readouterr().out
    assert SurveyResponse.objects.count() == 3

    call_command("purge_expired_responses")
    assert not SurveyResponse.objects.filter(pk=old.pk).exists()
    old_approved.refresh_from_db()
    assert "story" not in old_approved.form_data
    assert old_approved.form_data["exports"] == "Yes"
    assert old_approved.client_hash == "" and old_approved.anonymised_at
    recent.refresh_from_db()
    assert recent.form_data["story"] == "my name is Ana"


def test_purge_deletes_old_refused_forum_posts(forum):
    old = timezone.now() - timedelta(days=200)
    spam = ForumPost.objects.create(
        page=forum, name="x", text="spam", status="spam", created_at=old
    )
    kept = ForumPost.objects.create(
        page=forum, name="y", text="ok", status="approved", created_at=old
    )
    call_command("purge_expired_responses")
    assert not ForumPost.objects.filter(pk=spam.pk).exists()
    assert ForumPost.objects.filter(pk=kept.pk).exists()
