"""Backups of the database and the media files, and restoring them into a fresh site.

A backup is a folder ``<dir>/<UTC timestamp>/`` holding ``database.dump`` (PostgreSQL:
``pg_dump`` custom format, restored with ``pg_restore``) or ``database.sqlite3`` (SQLite:
a consistent copy made with SQLite's online backup API while the site runs),
``media.tar.gz`` (uploaded images and documents) and ``manifest.json`` (when, which
engine, and the number of rows in every table, which a restore checks against).
"""

import json
import shutil
import sqlite3
import subprocess
import tarfile
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

DUMP = "database.dump"
SQLITE = "database.sqlite3"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def row_counts():
    """``{table: rows}`` for every table of the configured database."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _engine():
    return "postgresql" if connection.vendor == "postgresql" else connection.vendor


def _pg_url():
    db = settings.DATABASES["default"]
    user = urllib.parse.quote(db.get("USER") or "")
    password = urllib.parse.quote(db.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{auth}{host}{port}/{urllib.parse.quote(db['NAME'])}"


def _run(cmd):
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{cmd[0]} failed: {(result.stderr or result.stdout).strip()}")


def backup(directory, keep=None):
    """Write a backup under ``directory`` and return its folder; keep the newest ``keep``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = Path(directory) / stamp
    target.mkdir(parents=True)
    try:
        engine = _engine()
        counts = row_counts()
        if engine == "postgresql":
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-acl",
                    f"--file={target / DUMP}",
                    _pg_url(),
                ]
            )
        elif engine == "sqlite":
            source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
            dest = sqlite3.connect(target / SQLITE)
            with dest:
                source.backup(dest)
            source.close()
            dest.close()
        else:
            raise BackupError(f"no backup method for {engine}")
        media_root = Path(settings.MEDIA_ROOT)
        with tarfile.open(target / MEDIA, "w:gz") as tar:
            if media_root.is_dir():
                tar.add(media_root, arcname=".")
        manifest = {"created": stamp, "engine": engine, "row_counts": counts}
        (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    if keep:
        prune(directory, keep)
    return target


def prune(directory, keep):
    """Delete all but the newest ``keep`` complete backups; returns what was deleted."""
    backups = sorted(p for p in Path(directory).iterdir() if (p / MANIFEST).exists())
    old = backups[: max(0, len(backups) - keep)]
    for folder in old:
        shutil.rmtree(folder)
    return old


def restore(folder):
    """Load a backup into the configured database, which must be empty, and its media.

    Returns ``(expected, found)`` row counts per table, to compare.
    """
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"this backup is of a {manifest['engine']} database, not {engine}")
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise BackupError(
                "the database is not empty: restore into a fresh one (create it, point "
                "DATABASE_URL at it) so nothing is mixed or lost"
            )
    if engine == "postgresql":
        connection.close()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                f"--dbname={_pg_url()}",
                str(folder / DUMP),
            ]
        )
    else:
        connection.close()
        source = sqlite3.connect(folder / SQLITE)
        dest = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        with dest:
            source.backup(dest)
        source.close()
        dest.close()
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA) as tar:
        tar.extractall(media_root, filter="data")
    return manifest["row_counts"], row_counts()
