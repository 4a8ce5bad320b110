"""A respondent fills in a survey: answers kept safely, errors shown, nothing lost."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from surveys.enums import ModerationStatus
from surveys.models import SurveyResponse

from .conftest import answers, token

pytestmark = pytest.mark.django_db


def test_survey_page_shows_the_questions_and_consent(client, survey):
    response = client.get(survey.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Where is your business based?" in html
    assert "Kenya" in html
    assert "I agree that my answers are stored." in html
    assert 'name="website"' in html  # the honeypot
    assert 'name="form_token"' in html


def test_valid_submission_is_stored_new_with_consent_and_hashed_client(client, survey):
    response = client.post(survey.url, answers(), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    assert "Thank you: your answers have been received." in response.content.decode()
    stored = SurveyResponse.objects.get(page=survey)
    assert stored.status == ModerationStatus.NEW
    assert stored.consent is True
    assert stored.consent_text == "I agree that my answers are stored."
    assert stored.country_code == "KEN"
    assert stored.enterprise_size == "micro"
    assert stored.form_data["needs"] == ["Tariffs", "Rules"]
    assert "consent" not in stored.form_data and "website" not in stored.form_data
    assert stored.client_hash and "203.0.113.7" not in stored.client_hash
    assert "203.0.113.7" not in str(stored.form_data)


def test_wrong_value_re_renders_with_input_and_field_errors(client, survey):
    response = client.post(survey.url, answers(country="", story="Keep this text"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please correct what is marked below" in html
    assert "This field is required." in html
    assert "Keep this text" in html  # nothing typed is lost
    assert 'value="micro" checked' in html or 'value="micro"\n' in html or "checked" in html
    assert SurveyResponse.objects.count() == 0


def test_errors_are_in_the_page_language(client, survey):
    french = survey.copy_for_translation(
        survey.locale.__class__.objects.get(language_code="fr"), copy_parents=True, alias=True
    )
    response = client.post(french.url, answers(country=""))
    html = response.content.decode()
    assert "This field is required." not in html
    assert "Champ requis." in html or "Ce champ est obligatoire." in html


def test_forged_choice_is_refused(client, survey):
    response = client.post(survey.url, answers(exports="<script>alert(1)</script>", size="huge"))
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "<script>alert(1)</script>" not in html
    assert SurveyResponse.objects.count() == 0


def test_one_megabyte_of_text_is_refused_and_kept(client, survey):
    big = "x" * 1_000_000
    response = client.post(survey.url, answers(story=big))
    assert response.status_code == 200
    assert "Ensure this value has at most 5000 characters" in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_html_in_answers_is_stored_as_text_and_escaped_in_results(client, survey):
    client.post(survey.url, answers(story="<b>bold</b><script>x()</script>"))
    stored = SurveyResponse.objects.get()
    assert stored.form_data["story"] == "<b>bold</b><script>x()</script>"
    assert "&lt;script&gt;" in str(stored.answers_html())


def test_double_submit_creates_one_response(client, survey):
    data = answers()
    first = client.post(survey.url, data)
    second = client.post(survey.url, data)
    assert first.status_code == second.status_code == 200
    assert "Thank you" in second.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_expired_or_forged_token_keeps_the_answers(client, survey):
    response = client.post(survey.url, answers(form_token="forged", story="My words"))
    html = response.content.decode()
    assert "This form was open too long" in html
    assert "My words" in html
    assert SurveyResponse.objects.count() == 0
    old = client.post(survey.url, answers(form_token=token(age=3 * 24 * 3600)))
    assert "This form was open too long" in old.content.decode()


def test_missing_consent_is_refused(client, survey):
    response = client.post(survey.url, answers(consent=None))
    assert "Please tick this box to agree" in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_honeypot_and_fast_fill_are_kept_as_spam_not_published(client, survey):
    client.post(survey.url, answers(website="http://spam.example"))
    client.post(survey.url, answers(form_token=token(age=0)))
    reasons = sorted(SurveyResponse.objects.values_list("status", "spam_reason"))
    assert reasons == [("spam", "honeypot"), ("spam", "too fast")]


@pytest.mark.parametrize(
    "opens, closes, message",
    [
        (timedelta(days=1), None, "This survey is not open yet"),
        (None, timedelta(days=-1), "This survey is closed"),
    ],
)
def test_closed_or_not_yet_open_survey_accepts_nothing(client, survey, opens, closes, message):
    now = timezone.now()
    survey.opens_at = now + opens if opens else None
    survey.closes_at = now + closes if closes else None
    survey.save_revision().publish()
    page = client.get(survey.url)
    assert message in page.content.decode()
    assert 'name="form_token"' not in page.content.decode()
    posted = client.post(survey.url, answers())
    assert posted.status_code == 403
    assert message in posted.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_post_without_csrf_token_is_refused(survey):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(survey.url, answers())
    assert response.status_code == 403
    assert SurveyResponse.objects.count() == 0


def test_starter_survey_and_forum_are_published(client):
    survey = client.get("/en/msmes/have-your-say/what-msmes-need-from-this-platform/")
    forum = client.get("/en/msmes/have-your-say/finding-trade-information/")
    index = client.get("/en/msmes/have-your-say/")
    assert survey.status_code == forum.status_code == index.status_code == 200
    assert "Send my answers" in survey.content.decode()
    assert "Where do you look for trade information?" in index.content.decode()
