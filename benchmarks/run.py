"""Load-test the site under gunicorn and compare each page with a bare view of the same size.

Run from the project folder with the project's interpreter: ``python -m benchmarks.run``.
The ratio (page req/s ÷ bare req/s) is the figure that counts: the machine, the load generator
and the server cost the same on both sides, so what is left is what the page itself costs.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA_REPORT = Path(__file__).resolve().parent / "wrk_report.lua"
HOST = "127.0.0.1"
BARE_PATH = "/__bench__/bytes/{}/"
DEFAULT_URLS = [
    "/en/",
    "/en/msmes/",
    "/en/policymakers/",
    "/en/about/",
    "/en/search/?q=trade",
    "/en/search/?q=zzzz-no-hit",
]
# The policymaker databases at scale (``manage.py generate_scale_data``): the provisions
# explorer with filters, with a text query, and both; the agreement and review lists.
EXPLORER_URLS = [
    "/en/policymakers/trade-agreements/provisions/?category=INST_COMMITTEE&in_force=1",
    "/en/policymakers/trade-agreements/provisions/?party=JPN&intensity=binding&sort=-eif&page=2",
    "/en/policymakers/trade-agreements/provisions/?q=committee",
    "/en/policymakers/trade-agreements/provisions/?q=information+website&type=FTA&sort=category",
    "/en/policymakers/trade-agreements/?party=JPN&category=INST_COMMITTEE&in_force=1",
    "/en/policymakers/trade-policy-reviews/?q=review&from=2010",
]
# The budgets' two kinds of uncached page (DESIGN.md), on the starter content: listings
# (ratio goal 6%), then detail pages (10%). Run with --no-page-cache.
PAGE_KIND_URLS = [
    "/en/msmes/studies/",
    "/en/policymakers/programmes/",
    "/en/msmes/events/",
    "/en/policymakers/trade-agreements/",
    "/en/msmes/my-trade-partner/?exporter=JPN&market=AUS",
    "/en/msmes/my-trade-partner/?exporter=KEN&market=EUN",
    # The Atom feeds are listings too (core/feeds.py).
    "/en/feeds/new/",
    "/en/feeds/msmes/",
    "/fr/feeds/policymakers/",
    "/en/feeds/events/",
    "/en/feeds/agreements/",
    "/es/feeds/provisions/",
    "/en/feeds/topics/access-to-finance/",
    "/en/feeds/countries/jpn/",
    "/api/v2/pages/?type=policymaker_section.AgreementPage&fields=*&limit=20",
    "/en/msmes/studies/world-trade-report-2016-levelling-the-trading-field-for-smes/",
    "/en/policymakers/programmes/gtm-mipyme-financing-trust-fund-fideicomiso-with-guarantee-fund/",
    "/en/policymakers/trade-agreements/cptpp/",
    "/en/msmes/challenges/finding-market-information/",
    "/en/msmes/events/wto-committee-on-government-procurement-adopts-sme-work-programme/",
    # A provision's page (id 123 in a fresh starter load: the first with a quotation).
    "/en/policymakers/trade-agreements/guatemala-taipei-tota/provisions/123/",
    "/en/about/",
    # The API's detail of the CPTPP agreement: its id on freshly loaded starter content.
    "/api/v2/pages/242/",
]
SUITES = {"site": DEFAULT_URLS, "explorer": EXPLORER_URLS, "pages": PAGE_KIND_URLS}
STARTUP_TIMEOUT = 30.0
REQUEST_TIMEOUT = 10.0
SECRET_KEY = "benchmark-only-insecure-key-never-use-for-anything-else-0123456789"
HOMEPAGE_CHECK = """
import django
django.setup()
from wagtail.models import Page
print("yes" if Page.objects.filter(content_type__model="homepage").exists() else "no")
"""


class BenchError(Exception):
    """A setup step failed; the message says which one and what to look at."""


@dataclass
class Load:
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Benchmark pages against a bare Django view of the same size.",
    )
    parser.add_argument("--urls", nargs="+", metavar="PATH", help="default: the suite's pages")
    parser.add_argument(
        "--suite",
        choices=sorted(SUITES),
        default="site",
        help="pages measured when --urls is not given: 'site' (section pages and search), "
        "'explorer' (the policymaker databases' filtered lists) or 'pages' (five listings "
        "and the Atom feeds, then seven detail pages, for the uncached ratio budgets)",
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="turn the whole-response page cache off, so every request runs the view "
        "(with REDIS_URL set a repeated URL would otherwise be served from the cache)",
    )
    parser.add_argument("--duration", type=int, default=15, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", help="default: DATABASE_URL, else SQLite db.sqlite3")
    parser.add_argument(
        "--load-content",
        action="store_true",
        help="run manage.py load_starter_content if the database has no HomePage",
    )
    parser.add_argument("--generator", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--output", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    if not args.urls:
        args.urls = SUITES[args.suite]
    if args.duration < 1 or args.connections < 1 or args.workers < 1:
        parser.error("--duration, --connections and --workers must be at least 1")
    bad = [url for url in args.urls if not url.startswith("/")]
    if bad:
        parser.error(f"URLs are paths on the local server and must start with '/': {bad}")
    return args


def bench_env(database_url: str | None, page_cache: bool = True) -> dict[str, str]:
    env = os.environ.copy()
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    env.setdefault("SECRET_KEY", SECRET_KEY)
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    env["SECURE_SSL_REDIRECT"] = "false"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if database_url:
        env["DATABASE_URL"] = database_url
    # Runs on different databases may share one Redis: each database gets its own keys,
    # or one run would serve the other's cached catalogue, memo generation and pages.
    digest = hashlib.sha256(env.get("DATABASE_URL", "sqlite").encode()).hexdigest()[:8]
    env.setdefault("CACHE_KEY_PREFIX", f"bench-{digest}")
    if not page_cache:
        env["PAGE_CACHE_ENABLED"] = "false"
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        output = (result.stdout + result.stderr).strip()
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{output}")
    return result.stdout


def has_homepage(env: dict[str, str]) -> bool | None:
    """True or False, or None when the check itself could not run."""
    result = subprocess.run(
        [sys.executable, "-c", HOMEPAGE_CHECK], cwd=ROOT, env=env, capture_output=True, text=True
    )
    answer = result.stdout.strip()
    return {"yes": True, "no": False}.get(answer) if result.returncode == 0 else None


def prepare_database(env: dict[str, str], load_content: bool) -> None:
    """Static files and schema must be in place, or every page measures an error path."""
    log("collectstatic and migrate")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "migrate", "--noinput", "-v", "0")
    found = has_homepage(env)
    if found is False and load_content:
        log("load_starter_content")
        manage(env, "load_starter_content")
        found = has_homepage(env)
    if found is False:
        log(
            "warning: the database has no HomePage; run `manage.py load_starter_content` "
            "(with the same DATABASE_URL) or pass --load-content"
        )
    elif found is None:
        log("warning: could not check the database for a HomePage")


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def gunicorn_flags() -> list[str]:
    """Skip the control socket (gunicorn 25.1+), which would clash with a dev server's."""
    try:
        from gunicorn.config import KNOWN_SETTINGS
    except ImportError as exc:
        raise BenchError(f"gunicorn is not installed for {sys.executable}") from exc
    names = {setting.name for setting in KNOWN_SETTINGS}
    return ["--no-control-socket"] if "control_socket_disable" in names else []


def start_server(
    env: dict[str, str], port: int, workers: int, flags: list[str], log_file
) -> subprocess.Popen:
    """Gunicorn with the project's config, overridden from the command line where it must be.

    Worker recycling is off: at thousands of requests a second, a max_requests of a few
    thousand restarts a worker every second or so, and the bare view would pay for it most.
    """
    cmd = [sys.executable, "-m", "gunicorn", "msme_platform.wsgi:application"]
    if (ROOT / "gunicorn.conf.py").exists():
        cmd += ["--config", "gunicorn.conf.py"]
    cmd += ["--workers", str(workers), "--bind", f"{HOST}:{port}", "--max-requests", "0", *flags]
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def fetch(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_ready(proc: subprocess.Popen, port: int, log_path: Path) -> None:
    """Poll the bare view, which also proves gunicorn loaded benchmarks.settings."""
    probe = BARE_PATH.format(1)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"gunicorn exited with status {proc.returncode}:\n{tail(log_path)}")
        try:
            status, _ = fetch(port, probe)
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)
            continue
        if status == 200:
            return
        raise BenchError(
            f"GET {probe} answered {status}, not 200: gunicorn is not serving benchmarks.settings "
            f"with ALLOWED_HOSTS=127.0.0.1 (does msme_platform/wsgi.py force its own "
            f"DJANGO_SETTINGS_MODULE?)\n{tail(log_path)}"
        )
    raise BenchError(f"gunicorn did not answer within {STARTUP_TIMEOUT:.0f} s:\n{tail(log_path)}")


def run_wrk(wrk: str, port: int, path: str, connections: int, duration: int) -> Load:
    cmd = [
        wrk,
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={REQUEST_TIMEOUT:.0f}s",
        "--latency",
        "-s",
        str(LUA_REPORT),
        f"http://{HOST}:{port}{path}",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 30)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH "):
            return parse_wrk_report(line)
    raise BenchError(f"wrk printed no report:\n{(result.stdout + result.stderr).strip()}")


def parse_wrk_report(line: str) -> Load:
    fields = {key: int(value) for key, value in (p.split("=") for p in line.split()[1:])}
    seconds = fields["duration_us"] / 1e6
    return Load(
        requests=fields["requests"],
        rps=fields["requests"] / seconds if seconds else 0.0,
        p50_ms=fields["p50_us"] / 1000,
        p95_ms=fields["p95_us"] / 1000,
        p99_ms=fields["p99_us"] / 1000,
        errors=fields["errors"],
    )


def run_python(port: int, path: str, connections: int, duration: int) -> Load:
    """Keep-alive connections, one thread each; slower than wrk but needs nothing installed."""
    stop = threading.Event()
    results: list[tuple[list[float], int]] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def drive() -> None:
        latencies: list[float] = []
        errors = 0
        conn = None
        while not stop.is_set() and time.perf_counter() < deadline:
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
                started = time.perf_counter()
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                latencies.append(time.perf_counter() - started)
                errors += not 200 <= response.status < 300
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                errors += 1
                if conn is not None:
                    conn.close()
                conn = None
                time.sleep(0.01)
        if conn is not None:
            conn.close()
        with lock:
            results.append((latencies, errors))

    started = time.perf_counter()
    threads = [threading.Thread(target=drive, daemon=True) for _ in range(connections)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        stop.set()
    elapsed = time.perf_counter() - started
    latencies = sorted(value for values, _ in results for value in values)
    return Load(
        requests=len(latencies),
        rps=len(latencies) / elapsed,
        p50_ms=percentile(latencies, 50) * 1000,
        p95_ms=percentile(latencies, 95) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        errors=sum(errors for _, errors in results),
    )


def percentile(ordered: list[float], pct: float) -> float:
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def log(message: str) -> None:
    print(f"» {message}", file=sys.stderr, flush=True)


def format_table(rows: list[dict]) -> str:
    bare_label = "  bare view"
    width = max([len(bare_label), *(len(row["url"]) for row in rows)])
    header = (
        f"{'url':<{width}}  {'bytes':>8}  {'req/s':>8}  {'p50 ms':>7}  {'p95 ms':>7}  "
        f"{'p99 ms':>7}  {'errors':>6}  {'ratio':>6}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        if row["page"] is None:
            lines.append(f"{row['url']:<{width}}  skipped: HTTP {row['status']}")
            continue
        for label, load, ratio in (
            (row["url"], row["page"], f"{row['ratio_pct']:5.1f}%"),
            (bare_label, row["bare"], ""),
        ):
            lines.append(
                f"{label:<{width}}  {row['bytes']:>8}  {load['rps']:>8.1f}  "
                f"{load['p50_ms']:>7.2f}  {load['p95_ms']:>7.2f}  {load['p99_ms']:>7.2f}  "
                f"{load['errors']:>6}  {ratio:>6}".rstrip()
            )
    return "\n".join(lines)


def benchmark(args: argparse.Namespace) -> int:
    wrk = shutil.which("wrk") if args.generator != "python" else None
    if args.generator == "wrk" and wrk is None:
        raise BenchError("--generator wrk: wrk is not on PATH (Debian package `wrk`)")
    generator = "wrk" if wrk else "python"

    def drive(path: str) -> Load:
        if wrk:
            return run_wrk(wrk, args.port, path, args.connections, args.duration)
        return run_python(args.port, path, args.connections, args.duration)

    flags = gunicorn_flags()
    env = bench_env(args.database_url, page_cache=not args.no_page_cache)
    prepare_database(env, args.load_content)
    if not port_free(args.port):
        raise BenchError(f"port {args.port} is in use; pick another with --port")

    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        log_path = Path(tmp) / "gunicorn.log"
        with log_path.open("w") as log_file:
            log(f"starting gunicorn with {args.workers} workers on {HOST}:{args.port}")
            server = start_server(env, args.port, args.workers, flags, log_file)
            try:
                wait_ready(server, args.port, log_path)
                for url in args.urls:
                    rows.append(measure(url, args, drive))
            finally:
                stop_server(server)

    report(rows, args, generator)
    return 1 if any(row["page"] is None for row in rows) else 0


def report(rows: list[dict], args: argparse.Namespace, generator: str) -> None:
    page_cache = "page cache off" if args.no_page_cache else "page cache as configured"
    print(
        f"\n{generator}, {args.connections} connections, {args.duration} s per measurement, "
        f"gunicorn {args.workers} workers, {page_cache}\n"
    )
    print(format_table(rows))
    if generator == "python":
        print("\nThe Python load generator saturates before the server does; ratios read high.")
    ratios = [row["ratio_pct"] for row in rows if row["page"] is not None]
    failed = [row["url"] for row in rows if row["page"] is None]
    summary = f"\n{len(ratios)} of {len(rows)} URLs measured"
    if ratios:
        median = statistics.median(ratios)
        summary += f"; page/bare ratio min {min(ratios):.1f}%, median {median:.1f}%"
    if failed:
        summary += f"; skipped, not 200: {', '.join(failed)}"
    print(summary)
    if args.output:
        results = {
            "generator": generator,
            "connections": args.connections,
            "duration_s": args.duration,
            "workers": args.workers,
            "results": rows,
        }
        args.output.write_text(json.dumps(results, indent=2) + "\n")


def measure(url: str, args: argparse.Namespace, drive) -> dict:
    """One page and the bare view of the same size, back to back on the same server."""
    try:
        status, body = fetch(args.port, url)
    except (OSError, http.client.HTTPException) as exc:
        log(f"{url}: {exc}")
        return {"url": url, "status": str(exc), "bytes": None, "page": None, "bare": None}
    if status != 200:
        log(f"{url}: HTTP {status}, skipped")
        return {"url": url, "status": status, "bytes": len(body), "page": None, "bare": None}
    log(f"{url}: {len(body)} bytes, page then bare view, {args.duration} s each")
    page = drive(url)
    bare = drive(BARE_PATH.format(len(body)))
    return {
        "url": url,
        "status": status,
        "bytes": len(body),
        "page": asdict(page),
        "bare": asdict(bare),
        "ratio_pct": 100 * page.rps / bare.rps if bare.rps else 0.0,
    }


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return benchmark(args)
    except BenchError as exc:
        print(f"benchmark: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("benchmark: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
