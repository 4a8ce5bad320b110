"""List function-local imports in app code that carry no comment saying why.

An import inside a function hides a dependency from a reader of the module's head, so the house
rule (issue 16) is: import at module top, or say why not on the import's line or the line above
(for instance "# imported here: the app registry is not ready at module load"). One comment
covers a run of import statements on consecutive lines. Tests and migrations are left out.
Exits 1 when it finds one, listing each as path:line.

Files named in tools/local_imports_allowlist.txt (a temporary list) are still listed, but do not
make the check fail.

Usage: python tools/check_local_imports.py [path ...]   (default: the five app packages)
"""

from __future__ import annotations

import ast
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_PACKAGES = ("msme_platform", "msme_section", "policymaker_section", "events", "surveys")
SKIPPED_DIRS = {"migrations", "__pycache__"}
ALLOWLIST = ROOT / "tools" / "local_imports_allowlist.txt"


def allowed_files() -> set[str]:
    if not ALLOWLIST.exists():
        return set()
    lines = (line.strip() for line in ALLOWLIST.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line and not line.startswith("#")}


def python_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_file():
            yield path
            continue
        for file in sorted(path.rglob("*.py")):
            if not SKIPPED_DIRS.intersection(file.relative_to(path).parts):
                yield file


def comment_lines(source: str) -> set[int]:
    """The line numbers that hold a comment (a `#` token, not a `#` inside a string)."""
    lines = source.splitlines(keepends=True)
    tokens = tokenize.generate_tokens(iter(lines).__next__)
    return {token.start[0] for token in tokens if token.type == tokenize.COMMENT}


def local_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement nested anywhere inside a function or method."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    yield inner


def uncommented(path: Path) -> list[int]:
    """The first line of each run of function-local imports that no comment explains."""
    source = path.read_text(encoding="utf-8")
    commented = comment_lines(source)
    # A nested function's imports are also its outer function's: count each statement once.
    spans = sorted(
        {(node.lineno, node.end_lineno or node.lineno) for node in local_imports(ast.parse(source))}
    )
    runs: list[list[tuple[int, int]]] = []
    for span in spans:
        if runs and span[0] == runs[-1][-1][1] + 1:
            runs[-1].append(span)
        else:
            runs.append([span])
    return [
        run[0][0]
        for run in runs
        if not commented.intersection(range(run[0][0] - 1, run[-1][1] + 1))
    ]


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or [ROOT / package for package in APP_PACKAGES]
    allowed = allowed_files()
    failures = 0
    for file in python_files([path.resolve() for path in paths]):
        name = file.relative_to(ROOT).as_posix() if file.is_relative_to(ROOT) else str(file)
        for line in uncommented(file):
            if name in allowed:
                print(f"{name}:{line}: function-local import without a reason (allowed for now)")
            else:
                print(f"{name}:{line}: function-local import without a comment saying why")
                failures += 1
    if failures:
        print(
            f"{failures} function-local import(s) without a reason: move each to the "
            "module's top, or add a comment on its line or the line above saying why not."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
