"""Translators work in wagtail-localize's side-by-side editor, for pages and snippets."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from msme_platform.core.models import Topic
from policymaker_section.models import AgreementPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(client):
    user = get_user_model().objects.create_superuser("translator", "t@example.org", "pw-long-1234")
    client.force_login(user)
    return client


def test_an_untranslated_page_opens_in_the_side_by_side_editor(translator):
    english = AgreementPage.objects.get(code="ceta", locale__language_code="en")
    french = Locale.objects.get(language_code="fr")
    assert english.get_translation(french).alias_of_id  # an alias until translated
    response = translator.post(
        f"/admin/localize/submit/page/{english.pk}/", {"locales": [french.pk]}
    )
    assert response.status_code == 302
    page = english.get_translation(french)
    assert page.alias_of_id is None
    html = translator.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Translation of" in html and "into Français" in html


def test_a_taxonomy_snippet_can_be_sent_for_translation(translator):
    topic = Topic.objects.get(slug="innovation", locale__language_code="en")
    response = translator.get(f"/admin/localize/submit/snippet/core/topic/{topic.pk}/")
    assert response.status_code == 200


def test_a_resource_under_review_can_be_translated(translator):
    """Resources carry a draft state and a workflow (msme_section 0004/0005); wagtail-localize
    still makes the French copy and opens it in its editor."""
    from msme_section.models import Resource

    english = Resource.objects.create(
        name="Localize check resource",
        description="Used to check translation.",
        locale=Locale.objects.get(language_code="en"),
    )
    french = Locale.objects.get(language_code="fr")
    response = translator.post(
        f"/admin/localize/submit/snippet/msme_section/resource/{english.pk}/",
        {"locales": [french.pk]},
    )
    assert response.status_code == 302
    translated = english.get_translation(french)
    html = translator.get(
        f"/admin/snippets/msme_section/resource/edit/{translated.pk}/"
    ).content.decode()
    assert "Translation of" in html
