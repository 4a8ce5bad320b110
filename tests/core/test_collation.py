"""Lists of names in each language's alphabetical order, accents or not."""

import pytest

from msme_platform.core.collation import name_key, sorted_by_name
from msme_section.choices import country_choices

pytestmark = pytest.mark.django_db


def test_accented_names_sort_with_their_letter():
    names = ["Zimbabwe", "Équateur", "Égypte", "Danemark", "Émirats arabes unis", "Eswatini"]
    assert sorted_by_name(names) == [
        "Danemark",
        "Égypte",
        "Émirats arabes unis",
        "Équateur",
        "Eswatini",
        "Zimbabwe",
    ]
    assert name_key("Œuf") < name_key("Ouganda")
    assert sorted_by_name(["e", "É", "E", "é"]) == sorted_by_name(["é", "E", "É", "e"])


@pytest.mark.parametrize("language", ["fr", "es"])
def test_country_choices_follow_the_language(language):
    from wagtail.models import Locale

    names = [name for _code, name in country_choices(Locale.objects.get(language_code=language).pk)]
    assert names == sorted_by_name(names)
    assert names[-1].startswith(("Zambi", "Zimbab"))


def test_french_countries_page_puts_egypt_between_denmark_and_ecuador(client):
    html = client.get("/fr/countries/").content.decode()
    assert html.index("Danemark") < html.index("Égypte") < html.index("Équateur")
    assert html.index("Égypte") < html.index("Zimbabwe")


def test_spanish_countries_page_sorts_accented_names_in_place(client):
    html = client.get("/es/countries/").content.decode()
    assert html.index("Japón") < html.index("Jordania") < html.index("Zimbabue")
    assert html.index("Perú") < html.index("Polonia")
    assert html.index("Bélgica") < html.index("Brasil")


def test_the_regions_view_sorts_each_region_in_the_language(client):
    html = client.get("/fr/countries/?view=regions").content.decode()
    africa = html[html.index('id="region-africa"') :]
    africa = africa[: africa.index("</section>")]
    assert africa.index("Égypte") < africa.index("Éthiopie") < africa.index("Zimbabwe")
