"""A busy day: N connections for D seconds over a mix of what visitors do, then the sums.

``python -m benchmarks.load [--duration 60] [--connections 32] [--backend postgres sqlite]``

For each backend it builds a fresh database (migrations and the starter content: a new
PostgreSQL database on ``--pg-server``, or a SQLite file in a temporary folder), starts
gunicorn with the production settings and Redis (``--redis-url``), finds the site's URLs
by following its links, and lets every connection pick, request after request, one of:
pages, searches, explorer filters, iCalendar feeds, CSV exports, and the starter survey
(load the form, keep it open for the minimum fill time while doing other things, send it).

Respondents: every survey answer comes from its own respondent. The app is set up as it
is behind a proxy (``SURVEYS_CLIENT_IP_HEADER=HTTP_X_REAL_IP``) and each submission
carries its own ``X-Real-IP`` from the benchmarking range 198.18.0.0/15, so the production
rate limit (10 an hour per respondent and survey, counted in Redis) stays on and is never
reached, as on a day when thousands of people answer once each. The minimum fill time
(3 s) and the one-time token stay on too.

It prints, per kind of request: count, errors, p50/p95/p99 latency in ms; then submissions
accepted (the thank-you page came back) and responses stored (rows carrying this run's
marker). Exit status 1 if any response was an error (status 400 or more, or no answer)
or an accepted submission is missing from the database. The database is dropped at the
end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from pathlib import Path

from benchmarks import ops
from benchmarks.run import percentile
from benchmarks.surveys_load import COUNT_STORED, SURVEY, answers_for

THANKS = "your answers have been received"
SEARCHES = ["trade", "tariff", "finance", "women", "e-commerce", "zzzz-no-hit", "export"]
WEIGHTS = {"page": 35, "search": 15, "filter": 15, "feed": 8, "export": 7, "survey form": 10}
HREF_RE = re.compile(r'href="(/(?:en|fr|es)/[^"#]*)"')
GET_FORM_RE = re.compile(
    r'<form class="(?:facets|filter-form)[^"]*" method="get"(.*?)</form>', re.S
)
CHECKBOX_RE = re.compile(r'type="checkbox"[^>]*?name="(\w+)" value="([^"]+)"')
SELECT_RE = re.compile(r'<select[^>]*?name="(\w+)"[^>]*>(.*?)</select>', re.S)
OPTION_RE = re.compile(r'<option value="([^"]+)"')


def filter_choices(form: str) -> list[tuple[str, str]]:
    """A few (name, value) pairs a visitor could pick in a GET filter form."""
    choices = CHECKBOX_RE.findall(form)[:8]
    for name, options in SELECT_RE.findall(form):
        choices += [(name, value) for value in OPTION_RE.findall(options)[:3]]
    return choices


TIMEOUT = 60.0


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--backend", nargs="+", choices=["postgres", "sqlite"], default=["postgres", "sqlite"]
    )
    parser.add_argument(
        "--pg-server",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="where to create the database (CREATE DATABASE rights)",
    )
    parser.add_argument("--db-prefix", default="msme_load_", help="name of the new database")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    args.duration = max(1, min(args.duration, 600))
    args.connections = max(1, min(args.connections, 128))
    return args


def discover(port: int, budget: int = 120) -> dict[str, list[str]]:
    """The site's own links and filter forms, breadth first from the home page."""
    found, fetched, queue = set(), 0, ["/en/"]
    per_parent = defaultdict(int)
    while queue and fetched < budget:
        path = queue.pop(0)
        if path in found:
            continue
        found.add(path)
        if any(part in path for part in ("/export/", "ical", "/json/", "?", "/admin/")):
            continue
        # A few of each list's items are enough (there are 160 country profiles).
        parent = path.rstrip("/").rsplit("/", 1)[0]
        per_parent[parent] += 1
        if per_parent[parent] > 6:
            continue
        fetched += 1
        try:
            page = ops.request(port, "GET", path, timeout=TIMEOUT)
        except OSError:
            continue
        if page.status != 200 or "text/html" not in page.header("Content-Type"):
            continue
        queue += [href.replace("&amp;", "&") for href in HREF_RE.findall(page.text)]
        for form in GET_FORM_RE.findall(page.text):
            found.update(
                f"{path}?{name}={urllib.parse.quote(value)}" for name, value in filter_choices(form)
            )
    found.update(["/fr/", "/es/"])
    kinds = defaultdict(set)
    for path in found:
        if "/export/" in path:
            kinds["export"].add(path)
        elif "ical" in path:
            kinds["feed"].add(path)
        elif "/json/" in path or "/search/" in path:
            continue
        elif "?" in path and "page=" not in path:
            kinds["filter"].add(path)
        elif "?" not in path and SURVEY.rstrip("/") not in path:
            kinds["page"].add(path)
    for lang in ("en", "fr", "es"):
        kinds["search"].update(f"/{lang}/search/?q={term}" for term in SEARCHES)
    return {kind: sorted(paths) for kind, paths in kinds.items()}


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_samples: list[str] = []
        self.accepted: list[str] = []

    def add(self, kind, path, seconds, status):
        with self.lock:
            self.latency[kind].append(seconds)
            if status == 0 or status >= 400:
                self.errors[kind] += 1
                if len(self.error_samples) < 10:
                    self.error_samples.append(f"{status} {kind} {path}")


def client(port, urls, deadline, marker, tally, seed):
    rng = random.Random(seed)
    kinds = [kind for kind in WEIGHTS if kind in urls or kind == "survey form"]
    weights = [WEIGHTS[kind] for kind in kinds]
    conn = http.client.HTTPConnection(ops.HOST, port, timeout=TIMEOUT)
    pending = None  # (ready_at, answers, csrf cookie, marker)
    n = 0

    def send(kind, method, path, data=None, headers=None):
        nonlocal conn
        started = time.perf_counter()
        try:
            response = ops.request(port, method, path, data=data, headers=headers, conn=conn)
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(ops.HOST, port, timeout=TIMEOUT)
            tally.add(kind, path, time.perf_counter() - started, 0)
            return None
        tally.add(kind, path, time.perf_counter() - started, response.status)
        if response.headers.get("Connection", "").lower() == "close":
            conn.close()
        return response

    while time.monotonic() < deadline:
        if pending and time.monotonic() >= pending[0]:
            _ready, answers, cookie, answer_marker = pending
            pending = None
            address = f"198.{18 + seed % 2}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            response = send(
                "survey submit", "POST", SURVEY, answers, {"Cookie": cookie, "X-Real-IP": address}
            )
            if response is not None and response.status == 200 and THANKS in response.text:
                with tally.lock:
                    tally.accepted.append(answer_marker)
            continue
        kind = rng.choices(kinds, weights)[0]
        if kind == "survey form":
            if pending:
                continue
            response = send(kind, "GET", SURVEY)
            if response is None or response.status != 200:
                continue
            csrf = ops.CSRF_RE.search(response.text)
            cookie = response.cookies().get("csrftoken")
            if not (csrf and cookie):
                continue
            n += 1
            answers = answers_for(response.text, f"{marker}-{seed}-{n}")
            answers["csrfmiddlewaretoken"] = csrf.group(1)
            # A person takes a while: send once the minimum fill time (3 s) has passed.
            pending = (time.monotonic() + 3.5, answers, f"csrftoken={cookie}", f"{seed}-{n}")
            continue
        send(kind, "GET", rng.choice(urls[kind]))
    conn.close()


def stored_markers(env, marker) -> int:
    out = ops.run([sys.executable, "-c", COUNT_STORED, marker], env=env, timeout=120)
    return int(out.strip())


def run_backend(args, backend: str) -> tuple[bool, str]:
    name = f"{args.db_prefix}{uuid.uuid4().hex[:8]}"
    tmp = Path(tempfile.mkdtemp(prefix="load-"))
    if backend == "postgres":
        database_url = ops.create_database(args.pg_server, name)
    else:
        database_url = f"sqlite:///{tmp / 'load.sqlite3'}"
    prefix = f"load-{uuid.uuid4().hex[:8]}"
    env = ops.production_env(
        database_url,
        args.redis_url,
        CACHE_KEY_PREFIX=prefix,
        SURVEYS_CLIENT_IP_HEADER="HTTP_X_REAL_IP",
        MEDIA_ROOT=str(tmp / "media"),
    )
    server = None
    try:
        log(f"[{backend}] migrate, starter content, collectstatic")
        ops.manage(env, "migrate", "--noinput", "-v", "0")
        ops.manage(env, "load_starter_content", timeout=600)
        ops.manage(env, "collectstatic", "--noinput", "-v", "0")
        server = ops.Gunicorn(env, args.port, workers=args.workers, name=f"load-{backend}")
        server.wait_ready()
        urls = discover(args.port)
        log(f"[{backend}] URLs: " + ", ".join(f"{k} {len(v)}" for k, v in urls.items()))
        marker = f"load{uuid.uuid4().hex[:10]}"
        tally = Tally()
        deadline = time.monotonic() + args.duration
        log(f"[{backend}] {args.connections} connections for {args.duration} s")
        threads = [
            threading.Thread(target=client, args=(args.port, urls, deadline, marker, tally, i))
            for i in range(args.connections)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        server_log = server.log_tail(20)
        server.stop()
        server = None
        stored = stored_markers(env, marker)
    finally:
        if server:
            server.stop()
        if backend == "postgres" and not args.keep:
            ops.drop_database(args.pg_server, name)
        shutil.rmtree(tmp, ignore_errors=True)
        ops.forget_cache(args.redis_url, prefix)
    return report(backend, args, tally, stored, elapsed, server_log)


def report(backend, args, tally, stored, elapsed, server_log):
    lines = [
        f"\n{backend}: {args.connections} connections, {elapsed:.0f} s, "
        f"gunicorn {args.workers} workers, Redis",
        f"{'kind':<14} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}",
    ]
    total = errors = 0
    every = []
    for kind in [*WEIGHTS, "survey submit"]:
        values = sorted(tally.latency.get(kind, []))
        every += values
        total += len(values)
        errors += tally.errors.get(kind, 0)
        lines.append(
            f"{kind:<14} {len(values):>8} {tally.errors.get(kind, 0):>6} "
            f"{percentile(values, 50) * 1000:>8.0f} {percentile(values, 95) * 1000:>8.0f} "
            f"{percentile(values, 99) * 1000:>8.0f}"
        )
    every.sort()
    lines.append(
        f"{'all':<14} {total:>8} {errors:>6} {percentile(every, 50) * 1000:>8.0f} "
        f"{percentile(every, 95) * 1000:>8.0f} {percentile(every, 99) * 1000:>8.0f}"
        f"   ({total / elapsed:.1f} requests/s)"
    )
    accepted = len(tally.accepted)
    lines.append(f"survey submissions accepted: {accepted}, stored: {stored}")
    ok = errors == 0 and accepted == stored and accepted > 0
    if tally.error_samples:
        lines.append("first errors: " + "; ".join(tally.error_samples))
        lines.append("server log:\n" + server_log)
    lines.append("OK" if ok else "FAILED")
    return ok, "\n".join(lines)


def log(message):
    print(f"» {message}", file=sys.stderr, flush=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    if not ops.port_free(args.port):
        log(f"port {args.port} is in use; pick another with --port")
        return 2
    results = []
    try:
        for backend in args.backend:
            results.append(run_backend(args, backend))
    except ops.OpsError as exc:
        log(f"error: {exc}")
        return 2
    for _ok, text in results:
        print(text)
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
