"""Fail when a committed ``locale/*/LC_MESSAGES/django.mo`` is stale against its ``.po``.

The compiled catalogues are committed (a newcomer needs no GNU gettext), so a ``.po`` edited
without `make messages` would ship old translations. Each ``.po`` is compiled into a temporary
file, with GNU ``msgfmt --check`` when it is installed (as ``tests/core/test_translations.py``
does), else with polib (which wagtail-localize brings), and the messages are compared with the
committed ``.mo``'s. polib writes the header in its own way, so that fallback leaves the header
out of the comparison.

Usage: python tools/check_catalogues.py [locale dir]   (default: locale/)
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_po(po: Path, mo: Path) -> bool:
    """Compile ``po`` into ``mo``; True if GNU msgfmt did it (the header is comparable)."""
    if shutil.which("msgfmt"):
        result = subprocess.run(
            ["msgfmt", "--check", "-o", str(mo), str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"{po}: msgfmt refuses the catalogue:\n{result.stderr}")
        return True
    import polib  # imported here: only needed on a machine without GNU gettext

    polib.pofile(str(po)).save_as_mofile(str(mo))
    return False


def messages(mo: Path) -> dict[object, str]:
    with mo.open("rb") as file:
        catalog: dict[object, str] = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    return catalog


def stale_messages(po: Path) -> set[object]:
    committed = po.with_suffix(".mo")
    if not committed.exists():
        return {"(no compiled .mo)"}
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "django.mo"
        with_header = compile_po(po, fresh)
        expected, actual = messages(fresh), messages(committed)
    if not with_header:
        expected.pop("", None)
        actual.pop("", None)
    return {key for key in expected.keys() | actual.keys() if expected.get(key) != actual.get(key)}


def main(argv: list[str]) -> int:
    locale = Path(argv[0]) if argv else ROOT / "locale"
    failures = 0
    for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
        stale = stale_messages(po)
        if stale:
            failures += 1
            shown = ", ".join(sorted(repr(key) for key in stale)[:5])
            print(f"{po.with_suffix('.mo')} is stale ({len(stale)} messages, e.g. {shown});")
            print("  run `make messages` (or `manage.py compilemessages`) and commit the .mo")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
