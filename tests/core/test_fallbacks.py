"""Honest fallbacks: a French or Spanish visitor on a page that is not translated yet sees the
English words marked as English, with a notice in their own language; editors see a report."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page

from msme_platform.core.models import StandardPage
from msme_platform.core.reports import untranslated_pages
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db

NOTICES = {
    "fr": "Cette page n'est pas encore traduite ; elle est affichée en anglais.",
    "es": "Esta página aún no está traducida; se muestra en inglés.",
}


def alias_path(language):
    """An address in ``language`` whose page is still an alias of the English page.

    Every starter page is translated, so the test adds an English page that is not, the
    way ``load_starter_content`` leaves one that the catalogues do not cover yet.
    """
    home = Page.objects.get(depth=2, locale=Locale.get_default())
    english = home.add_child(
        instance=StandardPage(title="Only in English", slug=f"only-in-english-{language}")
    )
    english.save_revision().publish()
    alias = english.copy_for_translation(
        Locale.objects.get(language_code=language), copy_parents=True, alias=True
    )
    return alias.url


@pytest.mark.parametrize("language", ["fr", "es"])
def test_untranslated_page_says_so_in_the_visitors_language(client, language):
    html = client.get(alias_path(language)).content.decode()
    assert f'<html lang="{language}">' in html
    assert NOTICES[language] in html
    # The notice sits before the content region, which says it is English.
    assert html.index(NOTICES[language]) < html.index('<div lang="en">')
    # The chrome stays in the visitor's language.
    skip_link = {"fr": "Aller au contenu principal", "es": "Ir al contenido principal"}
    assert skip_link[language] in html


def test_translated_and_english_pages_carry_no_notice(client):
    html = client.get("/en/about/").content.decode()
    assert "not translated yet" not in html
    assert '<div lang="en">' in html
    for language, notice in NOTICES.items():
        translated = Page.objects.filter(
            locale__language_code=language, alias_of__isnull=True, depth__gt=1
        ).first()
        if translated is not None:
            page_html = client.get(translated.url).content.decode()
            assert notice not in page_html
            assert f'<div lang="{language}">' in page_html


def test_report_lists_untranslated_pages_per_language():
    report = {entry["locale"].language_code: entry for entry in untranslated_pages()}
    assert set(report) == {"fr", "es"}
    for language, entry in report.items():
        aliases = Page.objects.filter(locale__language_code=language, alias_of__isnull=False)
        assert {row["page_id"] for row in entry["rows"] if row["reason"] == "alias"} == set(
            aliases.values_list("pk", flat=True)
        )
        assert entry["translated"] + len(entry["rows"]) == entry["total"]


def test_report_shows_a_page_missing_in_a_language_and_costs_constant_queries(client):
    admin = get_user_model().objects.create_superuser("reporter", "r@example.org", "pw-long-1234")
    client.force_login(admin)
    home = Page.objects.get(depth=2, locale=Locale.get_default()).specific
    alias_path("fr")
    numbers = itertools.count()

    def add_pages(count=5):
        for _ in range(count):
            number = next(numbers)
            home.add_child(
                instance=StandardPage(title=f"Only in English {number}", slug=f"only-en-{number}")
            )

    add_pages(1)
    response = client.get("/admin/reports/untranslated-pages/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Only in English 0" in html
    assert "No copy in this language" in html
    assert "Alias of the source page" in html
    assert_constant_queries(
        lambda: client.get("/admin/reports/untranslated-pages/"), add_pages, limit=40
    )


def test_report_is_in_the_reports_menu(client):
    admin = get_user_model().objects.create_superuser("menu", "m@example.org", "pw-long-1234")
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    assert "/admin/reports/untranslated-pages/" in html
