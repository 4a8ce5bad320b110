"""A French or Spanish visitor gets the survey's interface and errors in their language."""

import pytest
from wagtail.models import Locale

from surveys.models import DialogueForumPage, SurveyPage

from .conftest import answers

pytestmark = pytest.mark.django_db


def _in(language, page):
    return page.get_translation(Locale.objects.get(language_code=language))


@pytest.mark.parametrize(
    "language, needed, send",
    [("fr", "Veuillez corriger", "Envoyer mes réponses"), ("es", "Corrija lo", "Enviar mis")],
)
def test_survey_errors_in_the_page_language(client, survey, language, needed, send):
    translated = survey.copy_for_translation(
        Locale.objects.get(language_code=language), copy_parents=True, alias=True
    )
    page = client.get(translated.url).content.decode()
    assert send in page
    html = client.post(translated.url, answers(country="")).content.decode()
    assert needed in html
    assert "Please correct" not in html


def test_starter_forum_in_spanish(client):
    forum = DialogueForumPage.objects.get(
        slug="finding-trade-information", locale__language_code="en"
    )
    html = client.get(_in("es", forum).url).content.decode()
    assert "Su pregunta o comentario" in html
    assert "Nombre o seudónimo" in html


def test_starter_survey_in_french(client):
    survey = SurveyPage.objects.get(
        slug="what-msmes-need-from-this-platform", locale__language_code="en"
    )
    html = client.get(_in("fr", survey).url).content.decode()
    assert "Micro-entreprise" in html
    assert "obligatoire" in html
