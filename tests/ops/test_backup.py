"""``make backup`` and ``make restore``: what was saved comes back, row for row and file
for file, in a fresh database."""

import json
import sqlite3
import uuid

import pytest

from benchmarks import ops
from msme_platform.core import backups as backups_module

from .conftest import PG_SERVER_URL

pytestmark = pytest.mark.ops


def table_counts(url):
    """Rows per table, counted by PostgreSQL itself (not by the command under test)."""
    tables = ops.psql(
        url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    ).split()
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in tables)
    return dict(line.split("|") for line in ops.psql(url, sql).splitlines())


def test_a_postgresql_backup_restores_into_a_fresh_database_with_every_row_and_file(
    ops_site, tmp_path
):
    upload = ops_site["media"] / "documents" / f"report-{uuid.uuid4().hex[:6]}.txt"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(b"an uploaded report\n")
    backups = tmp_path / "backups"
    out = ops.manage(ops_site["env"], "backup", "--dir", str(backups), "--keep", "2")
    assert "Backup written to" in out
    folder = next(backups.iterdir())
    assert sorted(p.name for p in folder.iterdir()) == [
        "database.dump",
        "manifest.json",
        "media.tar.gz",
    ]

    fresh = f"{ops_site['name']}_restored"
    restored_media = tmp_path / "restored-media"
    try:
        restored_url = ops.create_database(PG_SERVER_URL, fresh)
        env = {**ops_site["env"], "DATABASE_URL": restored_url, "MEDIA_ROOT": str(restored_media)}
        out = ops.manage(env, "restore", str(folder))
        assert "counts match" in out
        source = table_counts(ops_site["url"])
        assert len(source) > 50 and int(source["wagtailcore_page"]) >= 3
        assert table_counts(restored_url) == source
        copy = restored_media / upload.relative_to(ops_site["media"])
        assert copy.read_bytes() == b"an uploaded report\n"

        # Restoring over data is refused: nothing is mixed or lost.
        with pytest.raises(ops.OpsError, match="the database is not empty"):
            ops.manage(env, "restore", str(folder))
    finally:
        ops.drop_database(PG_SERVER_URL, fresh)


def test_a_sqlite_backup_is_a_consistent_copy_that_restores_row_for_row(tmp_path):
    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as db:
        db.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, text TEXT)")
        db.executemany("INSERT INTO answers (text) VALUES (?)", [("yes",), ("no",), ("maybe",)])
    env = ops.production_env(f"sqlite:///{live}", MEDIA_ROOT=str(tmp_path / "media"))
    backups = tmp_path / "backups"
    ops.manage(env, "backup", "--dir", str(backups))
    folder = next(backups.iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["engine"] == "sqlite"
    assert manifest["row_counts"] == {"answers": 3}

    target = tmp_path / "restored.sqlite3"
    env = {**env, "DATABASE_URL": f"sqlite:///{target}"}
    assert "counts match" in ops.manage(env, "restore", str(folder))
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT text FROM answers ORDER BY id").fetchall() == [
            ("yes",),
            ("no",),
            ("maybe",),
        ]


def test_only_the_newest_backups_are_kept(tmp_path):
    for stamp in ("20261126T023000Z", "20261127T023000Z", "20261128T023000Z"):
        (tmp_path / stamp).mkdir()
        (tmp_path / stamp / "manifest.json").write_text("{}")
    (tmp_path / "20261125T023000Z").mkdir()  # unfinished (no manifest): not counted, kept
    deleted = backups_module.prune(tmp_path, keep=2)
    assert [p.name for p in deleted] == ["20261126T023000Z"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "20261125T023000Z",
        "20261127T023000Z",
        "20261128T023000Z",
    ]
