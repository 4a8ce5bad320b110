"""Translators work in wagtail-localize's side-by-side editor, for pages and snippets."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation

from msme_platform.core.models import StandardPage, Topic
from policymaker_section.models import AgreementPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(client):
    user = get_user_model().objects.create_superuser("translator", "t@example.org", "pw-long-1234")
    client.force_login(user)
    return client


def test_a_starter_translation_opens_in_the_side_by_side_editor(translator):
    """The starter records' translations are wagtail-localize's own: a translator opens
    the French agreement beside the English, with the team's words already filled in."""
    english = AgreementPage.objects.get(code="ceta", locale__language_code="en")
    french = english.get_translation(Locale.objects.get(language_code="fr"))
    assert french.alias_of_id is None
    html = translator.get(f"/admin/pages/{french.pk}/edit/").content.decode()
    assert "Translation of" in html and "into Français" in html
    assert french.title.startswith("Accord économique et commercial global")
    # The words come from translation memory, where the editor shows and keeps them.
    remembered = StringTranslation.objects.filter(
        locale__language_code="fr", translation_of__data=english.title
    )
    assert remembered.get().data == french.title


def test_an_untranslated_page_opens_in_the_side_by_side_editor(translator):
    home = Page.objects.get(depth=2, locale__language_code="en")
    english = home.add_child(instance=StandardPage(title="Not translated", slug="not-translated"))
    english.save_revision().publish()
    french = Locale.objects.get(language_code="fr")
    english.copy_for_translation(french, alias=True)
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
