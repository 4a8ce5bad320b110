"""The starter search synonyms (``starter_data/search_synonyms.json``), in every language.

A group is created once per language and then belongs to the editors: loading the starter
content again adds what is missing and changes nothing they have edited.
"""

import json
import uuid
from pathlib import Path

from wagtail.models import Locale

from .models import SearchSynonym

FILE = Path(__file__).resolve().parent.parent / "starter_data" / "search_synonyms.json"
# A group's languages share a translation key derived from its "key", so they are one
# snippet's translations in the admin, on every machine.
KEY_NAMESPACE = uuid.UUID("6f1d1f43-5d1e-4a53-9a4c-5b0b3f2a6e11")


def load_search_synonyms(report):
    groups = json.loads(FILE.read_text(encoding="utf-8"))["groups"]
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    created = 0
    for group in groups:
        translation_key = uuid.uuid5(KEY_NAMESPACE, group["key"])
        for code, terms in group["terms"].items():
            locale = locales.get(code)
            if locale is None:
                continue
            _, was_created = SearchSynonym.objects.get_or_create(
                translation_key=translation_key,
                locale=locale,
                defaults={"name": group["name"][code], "terms": "\n".join(terms)},
            )
            created += was_created
    report(f"search synonyms: {created} created")
