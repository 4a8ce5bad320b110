"""A translated page says it is not yet reviewed until a reviewer marks it reviewed."""

import pytest
from wagtail.models import Locale, Page

from msme_platform.core import roles
from msme_platform.core.models import TranslationReview
from policymaker_section.models import AgreementPage
from tests.utils import sign_in

pytestmark = pytest.mark.django_db

NOTICES = {
    "fr": "Cette traduction n'a pas encore été relue par le Groupe.",
    "es": "El Grupo aún no ha revisado esta traducción.",
}


def translated(code, language):
    english = AgreementPage.objects.get(code=code, locale__language_code="en")
    return english.get_translation(Locale.objects.get(language_code=language))


def about(language):
    """A translated page with few siblings: the admin lists it on the first page."""
    return Page.objects.get(url_path__endswith="/about/", locale__language_code=language)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_translated_record_says_so_in_the_visitors_language(client, language):
    page = translated("cptpp", language)
    html = client.get(page.url).content.decode()
    assert NOTICES[language] in html
    assert f'<div lang="{language}">' in html  # the content is the translation's own
    english = client.get("/en/policymakers/trade-agreements/cptpp/").content.decode()
    assert NOTICES[language] not in english


def test_a_reviewer_marks_a_translation_reviewed_and_the_notice_goes(client, person):
    page = about("fr")
    sign_in(client, person("reviewer", roles.REVIEWERS))
    listing = client.get(f"/admin/pages/{page.get_parent().pk}/").content.decode()
    assert f"/admin/translation-review/{page.pk}/" in listing
    response = client.post(f"/admin/translation-review/{page.pk}/")
    assert response.status_code == 302
    review = TranslationReview.objects.get(page=page)
    assert review.reviewed_by.username == "reviewer"
    assert NOTICES["fr"] not in client.get(page.url).content.decode()
    # Undo: the notice is back.
    client.post(f"/admin/translation-review/{page.pk}/")
    assert NOTICES["fr"] in client.get(page.url).content.decode()


def test_a_delegate_cannot_mark_a_translation_reviewed(client, person):
    page = about("es")
    client.force_login(person("delegate", roles.DELEGATES))
    client.post(f"/admin/translation-review/{page.pk}/")  # refused: back to the dashboard
    assert not TranslationReview.objects.filter(page=page).exists()
    listing = client.get(f"/admin/pages/{page.get_parent().pk}/").content.decode()
    assert f"/admin/translation-review/{page.pk}/" not in listing


def test_new_words_on_a_reviewed_translation_need_a_new_review(client, person):
    page = translated("usmca", "fr")
    TranslationReview.objects.create(page=page)
    page.title = "Accord Canada–États-Unis–Mexique (titre revu)"
    page.save_revision().publish()
    assert not TranslationReview.objects.filter(page=page).exists()
    assert NOTICES["fr"] in client.get(page.url).content.decode()


def test_english_pages_and_the_report_count_what_awaits_review(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "b@example.org", "pw-long-1234")
    client.force_login(admin)
    html = client.get("/admin/reports/untranslated-pages/").content.decode()
    french = Locale.objects.get(language_code="fr")
    waiting = (
        AgreementPage.objects.filter(locale=french).count() > 0
        and "translated pages are not yet reviewed by the Group" in html
    )
    assert waiting
    assert "translated pages not yet reviewed" in client.get("/admin/").content.decode()
