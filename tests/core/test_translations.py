"""The interface catalogues: every string translated into French and Spanish, none fuzzy, the
committed compiled files up to date, and no string in the code that the catalogues lack.

These use GNU gettext (``msgfmt``, ``msgattrib``, ``msgcmp``), which developers and CI have;
a newcomer running the site does not need it, because the compiled ``.mo`` files are committed.
"""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ["fr", "es"]
# What `make messages` leaves out of the extraction (see the Makefile).
NOT_EXTRACTED = {
    ".git",
    ".venv",
    "locale",
    "tests",
    "benchmarks",
    "media",
    "media-test",
    "staticfiles",
    "artifacts",
    "build",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
}


def po_file(language):
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def gettext_tool(*args, cwd=None):
    return subprocess.run(args, capture_output=True, text=True, check=False, cwd=cwd)


def messages_in(output):
    """The msgid lines of a catalogue printed by a gettext tool, header left out."""
    lines = output.splitlines()
    return [line for line in lines if line.startswith("msgid ") and line != 'msgid ""']


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    result = gettext_tool("msgattrib", "--untranslated", "--no-obsolete", str(po_file(language)))
    assert result.returncode == 0, result.stderr
    assert messages_in(result.stdout) == [], f"untranslated in {language}:\n{result.stdout}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_fuzzy(language):
    result = gettext_tool("msgattrib", "--only-fuzzy", "--no-obsolete", str(po_file(language)))
    assert result.returncode == 0, result.stderr
    assert messages_in(result.stdout) == [], f"fuzzy in {language}:\n{result.stdout}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_compiles_and_committed_mo_matches_it(language, tmp_path):
    """``msgfmt --check`` accepts the catalogue (placeholders match), and the committed
    ``.mo`` holds exactly what compiling the ``.po`` gives: nobody forgot `make messages`."""
    compiled = tmp_path / "django.mo"
    result = gettext_tool("msgfmt", "--check", "-o", str(compiled), str(po_file(language)))
    assert result.returncode == 0, result.stderr
    committed = po_file(language).with_suffix(".mo")
    with compiled.open("rb") as fresh, committed.open("rb") as shipped:
        expected = gettext.GNUTranslations(fresh)._catalog
        actual = gettext.GNUTranslations(shipped)._catalog
    stale = {key for key in expected.keys() | actual.keys() if expected.get(key) != actual.get(key)}
    assert not stale, f"locale/{language}/.../django.mo is stale; run `make messages`: {stale}"


def test_no_string_in_the_code_is_missing_from_the_catalogues(tmp_path):
    """Extract the strings as `make messages` does, from a copy of the code, and check that
    every one is translated in both catalogues: a new untranslated string fails here."""
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=lambda _dir, names: NOT_EXTRACTED & set(names))
    env = {
        **os.environ,
        "SECRET_KEY": "messages",
        "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--keep-pot", "--no-location"],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    extracted = source / "locale" / "django.pot"
    assert len(messages_in(extracted.read_text(encoding="utf-8"))) > 900
    for language in LANGUAGES:
        # msgcmp: every msgid of the extraction must have a (non-fuzzy) translation.
        compared = gettext_tool("msgcmp", str(po_file(language)), str(extracted))
        pot_lines = extracted.read_text(encoding="utf-8").splitlines()
        missing = [
            msgid_before(pot_lines, int(line.split(":")[1]))
            for line in compared.stderr.splitlines()
            if line.startswith(str(extracted)) and "not defined" in line
        ]
        assert compared.returncode == 0, (
            f"strings missing from locale/{language} (run `make messages` and translate "
            f"them): {missing}\n{compared.stderr}"
        )


def msgid_before(lines, number):
    """The msgid of the entry that msgcmp points into (it names the entry's last line)."""
    for index in range(min(number, len(lines)) - 1, -1, -1):
        if lines[index].startswith("msgid "):
            return lines[index]
    return lines[number - 1]


def test_no_app_keeps_a_catalogue_of_its_own():
    """One project catalogue: makemessages would otherwise split an app's strings out."""
    stray = [
        path
        for path in ROOT.glob("*/locale")
        if path.parent.name not in NOT_EXTRACTED and path.parent != ROOT
    ]
    assert stray == []
