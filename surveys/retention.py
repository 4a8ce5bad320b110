"""Retention: what happens to responses once their survey's retention period is over.

Responses never approved (new, rejected, spam) are deleted. Approved responses keep their
answers to choice questions, so published counts stay true, but lose free-text answers,
the client id and the form token: nothing left can point at a person. Forum posts that
were rejected or marked as spam are deleted after the same default period; published
posts stay, since they were published by their authors' choice.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .enums import FREE_TEXT_TYPES, ModerationStatus
from .models import ForumPost, SurveyPage, SurveyResponse

FORUM_REFUSED_RETENTION_DAYS = 90


@transaction.atomic
def purge_expired(now=None, dry_run=False):
    now = now or timezone.now()
    summary = {"deleted": 0, "anonymised": 0, "forum_posts_deleted": 0}
    for survey in SurveyPage.objects.all():
        cutoff = now - timedelta(days=survey.retention_days)
        expired = SurveyResponse.objects.filter(page=survey, submit_time__lt=cutoff)
        refused = expired.exclude(status=ModerationStatus.APPROVED)
        summary["deleted"] += refused.count()
        if not dry_run:
            refused.delete()
        free_text = [
            f.clean_name for f in survey.get_form_fields() if f.field_type in FREE_TEXT_TYPES
        ]
        for response in expired.filter(
            status=ModerationStatus.APPROVED, anonymised_at__isnull=True
        ):
            summary["anonymised"] += 1
            if dry_run:
                continue
            response.form_data = {k: v for k, v in response.form_data.items() if k not in free_text}
            response.client_hash = ""
            response.form_token = None
            response.consent_text = ""
            response.anonymised_at = now
            response.save(
                update_fields=[
                    "form_data",
                    "client_hash",
                    "form_token",
                    "consent_text",
                    "anonymised_at",
                ]
            )
    posts = ForumPost.objects.filter(
        status__in=[ModerationStatus.REJECTED, ModerationStatus.SPAM],
        created_at__lt=now - timedelta(days=FORUM_REFUSED_RETENTION_DAYS),
    )
    summary["forum_posts_deleted"] = posts.count()
    if not dry_run:
        posts.delete()
    return summary
