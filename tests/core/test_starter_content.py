import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, PageLogEntry, Revision

from msme_platform.core.models import Country

pytestmark = pytest.mark.django_db


def test_loading_the_starter_content_again_changes_nothing(capsys):
    counts = (Page.objects.count(), Revision.objects.count(), Country.objects.count())
    logs = PageLogEntry.objects.count()
    call_command("load_starter_content", verbosity=2)
    output = capsys.readouterr().out
    assert "countries.csv: 0 created, 0 updated, 189 unchanged" in output
    assert "page" not in output.replace("Starter content", "")
    assert (Page.objects.count(), Revision.objects.count(), Country.objects.count()) == counts
    assert PageLogEntry.objects.count() == logs


def test_a_plain_load_says_what_it_did_in_one_line(capsys):
    call_command("load_starter_content")
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and "data files imported" in lines[0]
    assert lines[1] == "Starter content is loaded."


def test_an_edited_starter_page_is_restored_and_republished(capsys):
    about = Page.objects.get(slug="about", locale__language_code="en").specific
    about.title = "Changed by hand"
    about.save_revision().publish()
    call_command("load_starter_content", verbosity=2)
    assert "page /about/: updated" in capsys.readouterr().out
    about.refresh_from_db()
    assert about.title == "About the platform"


def test_every_english_page_has_a_french_and_spanish_version():
    for page in Page.objects.filter(locale__language_code="en", depth__gt=1):
        languages = set(page.get_translations().values_list("locale__language_code", flat=True))
        assert languages == {"fr", "es"}, page.url_path


STRUCTURAL_PATHS = [
    "",
    "msmes/",
    "msmes/find-support/",
    "msmes/studies/",
    "msmes/resources/",
    "msmes/challenges/",
    "msmes/events/",
    "msmes/have-your-say/",
    "policymakers/",
    "policymakers/programmes/",
    "policymakers/studies/",
    "policymakers/best-practices/",
    "policymakers/trade-agreements/",
    "policymakers/trade-policy-reviews/",
    "countries/",
    "about/",
    "privacy/",
    "accessibility/",
    "search/",
]
TRANSLATED_TITLES = {
    ("fr", "about/"): "À propos de la plateforme",
    ("es", "about/"): "Acerca de la plataforma",
    ("fr", "policymakers/trade-policy-reviews/"): (
        "Les MPME dans les Examens des politiques commerciales"
    ),
    ("es", "policymakers/trade-policy-reviews/"): (
        "Las MIPYMES en los Exámenes de las Políticas Comerciales"
    ),
}


def structural_page(path, language):
    english = Page.objects.get(url_path=f"/home/{path}", locale__language_code="en")
    return english, english.get_translation(Locale.objects.get(language_code=language))


@pytest.mark.parametrize("language", ["fr", "es"])
def test_structural_pages_are_real_translations_not_aliases(language):
    for path in STRUCTURAL_PATHS:
        english, page = structural_page(path, language)
        assert page.alias_of_id is None, path
        assert page.live, path
        assert page.title != english.title or path == "search/", path
    for (code, path), title in TRANSLATED_TITLES.items():
        if code == language:
            assert structural_page(path, code)[1].title == title


def test_the_untranslated_pages_report_is_empty_for_the_starter_content():
    """Every starter record is a real French and Spanish page. A record added to a starter
    file without its entries in ``translations/<language>/*.po`` stays an alias and fails here
    (``manage.py starter_translations`` adds the entries to fill in)."""
    from msme_platform.core.reports import untranslated_pages

    report = {entry["locale"].language_code: entry for entry in untranslated_pages()}
    assert {code: entry["rows"] for code, entry in report.items()} == {"fr": [], "es": []}
    assert not Page.objects.filter(alias_of__isnull=False).exists()


@pytest.mark.parametrize("language", ["fr", "es"])
def test_records_are_translated_and_quotations_keep_their_language(language):
    from msme_section.models import Resource
    from policymaker_section.models import AgreementPage, Provision, ProvisionCategory

    english = AgreementPage.objects.get(code="colombia-mexico-tota", locale__language_code="en")
    translated = english.get_translation(Locale.objects.get(language_code=language))
    assert translated.live and translated.alias_of_id is None
    pairs = {
        p.translation_key: p for p in Provision.objects.filter(page=translated, excerpt__gt="")
    }
    assert pairs
    for source in Provision.objects.filter(page=english, excerpt__gt=""):
        copy = pairs[source.translation_key]
        assert copy.excerpt == source.excerpt and copy.excerpt_language == "es"
        assert copy.summary != source.summary  # the team's words, translated
        assert copy.category.locale.language_code == language
    for model in (ProvisionCategory, Resource):
        assert model.objects.filter(locale__language_code=language).count() == (
            model.objects.filter(locale__language_code="en").count()
        )


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_starter_catalogues_are_complete_and_keep_the_markup(language):
    import polib

    from msme_platform.core.starter_translations import catalogue_files, catalogue_problems

    assert catalogue_problems(language) == []
    empty = [
        f"{path.name}: {entry.msgid[:60]}"
        for path in catalogue_files(language)
        for entry in polib.pofile(str(path))
        if not entry.msgstr and not entry.obsolete
    ]
    assert empty == []


def test_every_text_of_the_structural_pages_has_a_french_and_spanish_version():
    """A sentence added to pages.json or a starter module without its translations fails here
    (the page would otherwise silently stay an English alias)."""
    from msme_platform.core.starter import _field_values, _texts, structure_translations

    translations = structure_translations()
    for path in STRUCTURAL_PATHS:
        english = Page.objects.get(url_path=f"/home/{path}", locale__language_code="en").specific
        for language in ("fr", "es"):
            missing = [
                text
                for text in _texts(_field_values(english))
                if text not in translations[language]
            ]
            assert missing == [], (language, path, missing)


@pytest.mark.parametrize(
    ("language", "names"),
    [
        (
            "fr",
            {
                "TWN": "Taipei chinois",
                "HKG": "Hong Kong, Chine",
                "EUN": "Union européenne",
                "CHE": "Suisse",
                "KOR": "Corée, République de",
            },
        ),
        (
            "es",
            {
                "TWN": "Taipei Chino",
                "HKG": "Hong Kong, China",
                "EUN": "Unión Europea",
                "CHE": "Suiza",
                "DEU": "Alemania",
            },
        ),
    ],
)
def test_taxonomy_has_french_and_spanish_names(client, language, names):
    from msme_platform.core.models import Region, Topic

    english = Country.objects.filter(locale__language_code="en")
    translated = Country.objects.filter(locale__language_code=language)
    assert translated.count() == english.count()
    assert {c.iso3: c.name for c in translated.filter(iso3__in=names)} == names
    # Facts follow the English record; the region is the translated one.
    kenya = translated.select_related("region__locale").get(iso3="KEN")
    assert kenya.wto_status == english.get(iso3="KEN").wto_status
    assert kenya.region.locale.language_code == language
    assert Region.objects.filter(locale__language_code=language).count() == (
        Region.objects.filter(locale__language_code="en").count()
    )
    topics = Topic.objects.filter(locale__language_code=language)
    assert topics.count() == Topic.objects.filter(locale__language_code="en").count()
    html = client.get(f"/{language}/countries/").content.decode()
    for name in names.values():
        assert name in html
