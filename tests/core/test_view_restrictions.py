"""Private pages stay private in every language, with the cheaper restriction lookup."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from msme_platform.core.models import StandardPage
from tests.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_a_restricted_page_and_its_children_are_private_in_every_language(client):
    about = StandardPage.objects.get(slug="about", locale=Locale.get_default())
    child = StandardPageFactory(parent=about, title="Internal notes", slug="internal")
    for locale in Locale.objects.exclude(pk=about.locale_id):
        child.copy_for_translation(locale, alias=True)
    # The about page is translated (its own page in each language), so each copy carries the
    # restriction; the child is still an alias in French and Spanish and follows its source.
    for translation in about.get_translations(inclusive=True):
        PageViewRestriction.objects.create(
            page=translation, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-words"
        )
    about_heading = {
        "en": "Why this platform exists",
        "fr": "Pourquoi cette plateforme existe",
        "es": "Por qué existe esta plataforma",
    }
    for language in ("en", "fr", "es"):
        hidden_text = {"about/": about_heading[language], "about/internal/": "find buyers abroad"}
        for path, text in hidden_text.items():
            html = client.get(f"/{language}/{path}").content.decode()
            assert 'name="password"' in html, f"/{language}/{path} is not asking for the password"
            assert text not in html, f"/{language}/{path} shows its content"
    assert client.get("/en/privacy/").status_code == 200  # others stay public
