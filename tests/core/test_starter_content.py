import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision

from msme_platform.core.models import Country

pytestmark = pytest.mark.django_db


def test_loading_the_starter_content_again_changes_nothing(capsys):
    counts = (Page.objects.count(), Revision.objects.count(), Country.objects.count())
    logs = PageLogEntry.objects.count()
    call_command("load_starter_content")
    output = capsys.readouterr().out
    assert "countries.csv: 0 created, 0 updated, 189 unchanged" in output
    assert "page" not in output.replace("Starter content", "")
    assert (Page.objects.count(), Revision.objects.count(), Country.objects.count()) == counts
    assert PageLogEntry.objects.count() == logs


def test_an_edited_starter_page_is_restored_and_republished(capsys):
    about = Page.objects.get(slug="about", locale__language_code="en").specific
    about.title = "Changed by hand"
    about.save_revision().publish()
    call_command("load_starter_content")
    assert "page /about/: updated" in capsys.readouterr().out
    about.refresh_from_db()
    assert about.title == "About the platform"


def test_every_english_page_has_a_french_and_spanish_version():
    for page in Page.objects.filter(locale__language_code="en", depth__gt=1):
        languages = set(page.get_translations().values_list("locale__language_code", flat=True))
        assert languages == {"fr", "es"}, page.url_path
