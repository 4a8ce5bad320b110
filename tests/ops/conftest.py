"""A real PostgreSQL database and Redis for the operations tests, whatever the suite uses.

The suite's own database may be SQLite; these tests need what a deployment runs on. They
build one small site (``benchmarks.ops_site``) in a database of their own, once per run,
and drop it at the end. Where PostgreSQL or Redis is missing they are skipped on a laptop
and fail in CI (``STRICT_NO_SKIPS``).

Environment: ``TEST_PG_SERVER_URL`` (a database on the server to connect to for CREATE
DATABASE; default ``postgresql://postgres@127.0.0.1:5432/postgres``), ``TEST_REDIS_URL``
(default ``redis://127.0.0.1:6379/15``; keys carry a prefix of their own),
``OPS_TEST_DB_PREFIX`` (default ``msme_ops_``) and ``OPS_TEST_PORTS`` (two ports,
comma-separated; default: any free ones).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import uuid
from pathlib import Path

import pytest

from benchmarks import ops

PG_SERVER_URL = os.environ.get(
    "TEST_PG_SERVER_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ADMIN = ("ops-admin", "a long ops passphrase 4711")


def require(ok, what):
    if ok:
        return
    if os.environ.get("STRICT_NO_SKIPS"):
        pytest.fail(f"{what} is needed and unreachable")
    pytest.skip(f"{what} is unreachable")


def _reachable(url, default_port):
    parts = urllib.parse.urlsplit(url)
    return ops.reachable(parts.hostname or "127.0.0.1", parts.port or default_port)


@pytest.fixture(scope="session")
def ops_site():
    """``{"url", "env", "home_id", "survey", "media"}``: a migrated PostgreSQL database with a
    home page, a survey and a superuser, and the production settings to serve it with."""
    require(_reachable(PG_SERVER_URL, 5432) and shutil.which("psql"), "PostgreSQL")
    require(_reachable(REDIS_URL, 6379), "Redis")
    name = f"{os.environ.get('OPS_TEST_DB_PREFIX', 'msme_ops_')}{uuid.uuid4().hex[:8]}"
    media = Path(tempfile.mkdtemp(prefix="ops-media-"))
    prefix = f"ops-test-{uuid.uuid4().hex[:8]}"
    url = ops.create_database(PG_SERVER_URL, name)
    try:
        env = ops.production_env(url, REDIS_URL, CACHE_KEY_PREFIX=prefix, MEDIA_ROOT=str(media))
        # Side by side: the migrations take most of the time (half a minute on two cores).
        static = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ops.ROOT,
            env=env,
        )
        try:
            ops.manage(env, "migrate", "--noinput", "-v", "0", "--skip-checks")
        finally:
            assert static.wait(timeout=120) == 0, "collectstatic failed"
        out = ops.run([sys.executable, "-m", "benchmarks.ops_site", *ADMIN], env=env)
        home_id, survey = out.split()
        yield {
            "name": name,
            "url": url,
            "env": env,
            "home_id": int(home_id),
            "survey": survey,
            "media": media,
        }
    finally:
        ops.drop_database(PG_SERVER_URL, name)
        shutil.rmtree(media, ignore_errors=True)
        ops.forget_cache(REDIS_URL, prefix)
