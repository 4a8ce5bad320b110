"""French and Spanish versions of the starter records, through wagtail-localize.

The translations ship as gettext catalogues, ``starter_data/translations/<language>/*.po``:
each entry's ``msgid`` is one English text exactly as wagtail-localize extracts it from a
record (a title, a summary, a paragraph of rich text, a provision's summary…) and its
``msgstr`` the team's translation. Loading them makes each record's translation the way a
translator in the admin would: a ``TranslationSource`` for the English record, a
``StringTranslation`` for each of its texts, then wagtail-localize writes and publishes the
translated page or snippet. Translators then go on in the admin ("Translate" or "Sync
translated pages"), with the team's texts already filled in.

A record with any text missing from the catalogues is left as it is (an alias of the
English page, which visitors see with a notice), and the load says which. Quotations of
legal texts, identifiers and names that are not translated are synchronized fields of the
models (``override_translatable_fields``), so they never reach the catalogues.

``manage.py starter_translations`` writes the catalogues' new entries and checks them.
"""

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import polib
from django.apps import apps
from django.db.models import Model
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

CATALOGUES = Path(__file__).resolve().parent.parent / "starter_data" / "translations"
# Markup that must come through a translation unchanged: tags and character references.
MARKUP = re.compile(r"<[^>]+>|&[#a-zA-Z0-9]+;")


def catalogue_files(language_code: str) -> list[Path]:
    return sorted((CATALOGUES / language_code).glob("*.po"))


def load_catalogue(language_code: str) -> dict[str, str]:
    """``{English text: translation}`` from every catalogue of ``language_code``.

    Untranslated entries (empty ``msgstr``) are left out, so their records stay aliases.
    """
    texts = {}
    for path in catalogue_files(language_code):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                texts[entry.msgid] = entry.msgstr
    return texts


def catalogue_problems(language_code: str) -> list[str]:
    """What a reviewer must fix: markup lost or added, or one text translated two ways."""
    problems, seen = [], {}
    for path in catalogue_files(language_code):
        for entry in polib.pofile(str(path)):
            if not entry.msgstr or entry.obsolete:
                continue
            where = f"{path.parent.name}/{path.name}:{entry.linenum}"
            if sorted(MARKUP.findall(entry.msgid)) != sorted(MARKUP.findall(entry.msgstr)):
                problems.append(f"{where}: the markup differs from the English text")
            earlier = seen.setdefault(entry.msgid, (entry.msgstr, where))
            if earlier[0] != entry.msgstr:
                problems.append(f"{where}: translated differently in {earlier[1]}")
    return problems


def record_sources(home: Page, snippet_models: Iterable[type[Model]]) -> list[Model]:
    """The English records to translate: snippets first (pages refer to them), then every
    page below the home page in tree order (parents before their children)."""
    records: list[Model] = []
    for model in snippet_models:
        queryset = model.objects.filter(locale_id=home.locale_id)
        if hasattr(model, "live"):
            queryset = queryset.filter(live=True)
        records.extend(queryset.order_by("pk"))
    records.extend(home.get_descendants().live().specific().order_by("path"))
    return records


def _strings(source: TranslationSource) -> list[StringSegment]:
    return list(StringSegment.objects.filter(source=source).select_related("string", "context"))


def _is_written(record: Model, locale: Locale) -> bool:
    """Whether the record has a real translation (not an alias) in ``locale``."""
    copy = record.get_translation_or_none(locale)
    return copy is not None and not getattr(copy, "alias_of_id", None)


def translate_record(
    record: Model, locales: list[Locale], catalogues: dict[str, dict[str, str]]
) -> tuple[list[str], list[str]]:
    """Translate one record into ``locales``; returns (languages written, languages missing).

    Safe to run again: a translation is written only when it does not exist yet, the
    English record changed, or one of its texts changed in the catalogues.
    """
    previous = TranslationSource.objects.filter(
        object_id=record.translation_key, locale_id=record.locale_id
    ).values_list("last_updated_at", flat=True)
    before = previous[0] if previous else None
    source, _created = TranslationSource.update_or_create_from_instance(record)
    source_changed = before != source.last_updated_at
    segments = _strings(source)
    written, missing = [], []
    for locale in locales:
        texts = catalogues[locale.language_code]
        if any(segment.string.data not in texts for segment in segments):
            missing.append(locale.language_code)
            continue
        translation, created = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        changed = _set_strings(segments, locale, texts)
        if created or changed or source_changed or not _is_written(record, locale):
            source.create_or_update_translation(locale, publish=True, copy_parent_pages=True)
            written.append(locale.language_code)
    return written, missing


def _set_strings(segments: list[StringSegment], locale: Locale, texts: dict[str, str]) -> bool:
    """Each text's translation in ``locale``, as translation memory; True if any changed."""
    existing = {
        (string.translation_of_id, string.context_id): string
        for string in StringTranslation.objects.filter(
            locale=locale, context_id__in={segment.context_id for segment in segments}
        )
    }
    new, changed = [], []
    now = timezone.now()
    for segment in segments:
        wanted = texts[segment.string.data]
        current = existing.get((segment.string_id, segment.context_id))
        if current is None:
            new.append(
                StringTranslation(
                    translation_of_id=segment.string_id,
                    context_id=segment.context_id,
                    locale=locale,
                    data=wanted,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                    updated_at=now,
                )
            )
            existing[(segment.string_id, segment.context_id)] = new[-1]
        elif current.data != wanted:
            current.data, current.updated_at = wanted, now
            changed.append(current)
    StringTranslation.objects.bulk_create(new)
    StringTranslation.objects.bulk_update(changed, ["data", "updated_at"])
    return bool(new or changed)


def translate_records(
    home: Page, snippet_models: Iterable[type[Model]], report: Callable[[str], None]
) -> dict[str, int]:
    """Translate every starter record that the catalogues cover; returns counts per language."""
    locales = list(Locale.objects.exclude(pk=home.locale_id))
    catalogues = {locale.language_code: load_catalogue(locale.language_code) for locale in locales}
    counts = {locale.language_code: 0 for locale in locales}
    missing_total = {locale.language_code: 0 for locale in locales}
    for record in record_sources(home, snippet_models):
        if not _needs_localize(record, locales):
            continue
        written, missing = translate_record(record, locales, catalogues)
        for code in written:
            counts[code] += 1
        for code in missing:
            missing_total[code] += 1
    for code, number in counts.items():
        if number:
            report(f"records ({code}): {number} translated")
        if missing_total[code]:
            report(
                f"records ({code}): {missing_total[code]} not in the catalogues yet, shown in "
                f"English (manage.py starter_translations lists them)"
            )
    return counts


def _needs_localize(record: Model, locales: list[Locale]) -> bool:
    """Pages that ``structure.json`` translated (home, sections, index pages…) are left to
    it; every other record is translated here, and stays with wagtail-localize once it is."""
    if TranslationSource.objects.filter(
        object_id=record.translation_key, locale_id=record.locale_id
    ).exists():
        return True
    return not all(_is_written(record, locale) for locale in locales)


def snippet_models(labels: Iterable[str]) -> list[type[Model]]:
    return [apps.get_model(label) for label in labels]
