"""The starter taxonomy in French and Spanish: regions, topics and countries keyed to the
English records (names from ``translations/taxonomy.json`` and, for countries, pycountry)."""

import json
from pathlib import Path

from wagtail.models import Locale

TAXONOMY_NAMES = (
    Path(__file__).resolve().parent.parent / "starter_data" / "translations" / "taxonomy.json"
)


def country_name(iso3, english, language, overrides):
    """A member's name in ``language``: the WTO's where it differs from ISO 3166, else the
    ISO name from pycountry's iso3166-1 catalogues (needed only when the content is loaded).
    """
    if iso3 in overrides:
        return overrides[iso3][language]
    import gettext

    import pycountry

    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    # The WTO's English name is often the ISO name itself ("Korea, Republic of").
    translated = catalogue.gettext(english)
    if translated != english:
        return translated
    country = pycountry.countries.get(alpha_3=iso3)
    return catalogue.gettext(country.name) if country else None


def _ensure_translation(source, locale, values):
    """The copy of ``source`` in ``locale`` with its facts and ``values``; True if written."""
    model = type(source)
    copy = model.objects.filter(translation_key=source.translation_key, locale=locale).first()
    created = copy is None
    if created:
        copy = source.copy_for_translation(locale)
    changed = created
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in {"locale", "translation_key"}:
            continue
        wanted = values.get(field.name, getattr(source, field.attname))
        attname = field.attname if field.name not in values else field.name
        if getattr(copy, attname) != wanted:
            setattr(copy, attname, wanted)
            changed = True
    if changed:
        copy.save()
    return copy, changed


def translate_taxonomy(report):
    """French and Spanish regions, topics and countries, keyed to the English records.

    Names come from ``translations/taxonomy.json`` and, for countries, pycountry; facts
    (WTO status, dates, region) follow the English record on every run.
    """
    from .models import Country, Region, Topic

    data = json.loads(TAXONOMY_NAMES.read_text("utf-8"))
    default = Locale.get_default()
    for locale in Locale.objects.exclude(pk=default.pk):
        code = locale.language_code
        written = 0
        regions = {}
        for region in Region.objects.filter(locale=default):
            names = data["regions"].get(region.slug)
            if names:
                regions[region.pk], changed = _ensure_translation(
                    region, locale, {"name": names[code]}
                )
                written += changed
        for topic in Topic.objects.filter(locale=default):
            names = data["topics"].get(topic.slug)
            if names:
                name, description = names[code]
                written += _ensure_translation(
                    topic, locale, {"name": name, "description": description}
                )[1]
        for country in Country.objects.filter(locale=default):
            name = country_name(country.iso3, country.name, code, data["countries"])
            if name:
                values = {"name": name, "region": regions.get(country.region_id)}
                written += _ensure_translation(country, locale, values)[1]
        if written:
            report(f"taxonomy ({code}): {written} names written")
