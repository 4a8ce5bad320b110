"""Keep the starter records' French and Spanish catalogues in step with the English content.

``manage.py starter_translations`` adds each new English text of the loaded starter records to
``starter_data/translations/<language>/<record type>.po`` (with an empty translation) and marks
texts no record uses any more as obsolete. ``--check`` writes nothing and fails while a text
has no translation or a translation's markup differs from the English.
"""

import polib
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale, Page
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from msme_platform.core import starter, starter_translations


def english_texts(home):
    """``{catalogue name: {English text: [where it is used]}}`` for every starter record."""
    found = {}
    locales = list(Locale.objects.exclude(pk=home.locale_id))
    for record in starter_translations.record_sources(home, starter.translated_snippets()):
        if not starter_translations._needs_localize(record, locales):
            continue
        where = record.url_path if isinstance(record, Page) else f"{record._meta.label}:{record}"
        texts = found.setdefault(record._meta.model_name, {})
        for segment in extract_segments(record):
            if isinstance(segment, StringSegmentValue):
                texts.setdefault(segment.string.data, []).append(where)
    return found


class Command(BaseCommand):
    help = "Add new English texts of the starter records to the translation catalogues."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Write nothing; fail on a missing translation."
        )

    def handle(self, *args, check=False, **options):
        home = starter.default_home()
        if home is None:
            raise CommandError("Load the starter content first (manage.py load_starter_content).")
        texts = english_texts(home)
        problems = []
        for locale in Locale.objects.exclude(pk=home.locale_id):
            code = locale.language_code
            folder = starter_translations.CATALOGUES / code
            folder.mkdir(parents=True, exist_ok=True)
            for name, english in sorted(texts.items()):
                path = folder / f"{name}.po"
                po = polib.pofile(str(path)) if path.exists() else polib.POFile(wrapwidth=100)
                po.metadata = {
                    "Project-Id-Version": "MSME Platform starter records",
                    "Language": code,
                    "MIME-Version": "1.0",
                    "Content-Type": "text/plain; charset=utf-8",
                    "Content-Transfer-Encoding": "8bit",
                }
                entries = {entry.msgid: entry for entry in po}
                for text, places in english.items():
                    entry = entries.get(text)
                    if entry is None:
                        entry = polib.POEntry(msgid=text, msgstr="")
                        po.append(entry)
                    entry.obsolete = False
                    entry.occurrences = [(place, "") for place in sorted(set(places))[:3]]
                    if not entry.msgstr:
                        problems.append(f"{code}/{name}.po: no translation for {text[:60]!r}")
                for entry in po:
                    if entry.msgid not in english:
                        entry.obsolete = True
                if not check:
                    po.save(str(path))
            problems.extend(starter_translations.catalogue_problems(code))
        for problem in problems[:50]:
            self.stdout.write(problem)
        if check and problems:
            raise CommandError(f"{len(problems)} problem(s) in the starter translations.")
        self.stdout.write(
            f"{sum(len(t) for t in texts.values())} English texts; {len(problems)} to do."
        )
