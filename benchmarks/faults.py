"""Faults under load: PostgreSQL stopped and started again, then Redis; what visitors saw.

``python -m benchmarks.faults [--pg-port N] [--redis-port N] [--port N]``

It never touches the machine's own PostgreSQL or Redis: it starts a private PostgreSQL
cluster (``initdb`` into a temporary folder, run as the ``postgres`` user when started as
root) and a private ``redis-server``, each on its own port, loads the starter content,
and starts gunicorn (2 workers, production settings) against them. A few visitors browse
pages and answer the starter survey throughout (each answer from its own respondent
address, through ``SURVEYS_CLIENT_IP_HEADER``, as behind a proxy). Then:

1. PostgreSQL stops (``pg_ctl stop -m fast``): pages not in the page cache answer a
   friendly 503 with ``Retry-After`` and no traceback, ``/healthz`` fails, and a survey
   answer sent now is refused with what the respondent typed on the page.
2. PostgreSQL starts again: the same gunicorn recovers by itself, the refused answer is
   sent again from that page and stored, and every answer that got a thank-you page is
   in the database.
3. Redis stops: pages and submissions keep working (no cache, no rate limit); Redis
   starts again (empty): pages are cached again.

It prints a timeline, exits 1 if any expectation failed and 2 if setup failed, and always
stops what it started and removes its folders. About two to three minutes, most of it
loading the starter content.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict

from benchmarks import ops
from benchmarks.surveys_load import SURVEY, answers_for

THANKS = "your answers have been received"
PAGES = ["/en/", "/en/msmes/", "/en/policymakers/", "/en/about/", "/fr/", "/en/search/?q=trade"]


class Timeline:
    def __init__(self):
        self.t0 = time.monotonic()
        self.failures: list[str] = []

    def say(self, message: str) -> None:
        print(f"[{time.monotonic() - self.t0:6.1f} s] {message}", flush=True)

    def check(self, ok: bool, message: str, detail: str = "") -> bool:
        self.say(f"{'ok  ' if ok else 'FAIL'} {message}" + (f" ({detail})" if detail else ""))
        if not ok:
            self.failures.append(message)
        return ok


class Visitors:
    """A few visitors browsing and answering the survey in the background."""

    def __init__(self, port: int, count: int = 4):
        self.port, self.count = port, count
        self.phase = "warm-up"
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.tracebacks = 0
        self.accepted: list[str] = []
        self.refused_kept = self.refused_lost = 0
        self.run = uuid.uuid4().hex[:8]
        self.threads = [threading.Thread(target=self.visit, args=(i,)) for i in range(count)]

    def start(self):
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def record(self, response: ops.Response | None):
        with self.lock:
            if response is None:
                self.statuses[self.phase]["no answer"] += 1
                return
            self.statuses[self.phase][response.status] += 1
            self.tracebacks += "Traceback" in response.text

    def visit(self, seed: int):
        rng = random.Random(seed)
        pending = None
        n = 0
        while not self.stop.is_set():
            try:
                if pending and time.monotonic() >= pending[0]:
                    _ready, answers, cookie, marker = pending
                    pending = None
                    address = f"198.18.{seed}.{rng.randrange(1, 255)}"
                    response = ops.request(
                        self.port,
                        "POST",
                        SURVEY,
                        data=answers,
                        headers={"Cookie": cookie, "X-Real-IP": address},
                    )
                    self.record(response)
                    with self.lock:
                        if response.status == 200 and THANKS in response.text:
                            self.accepted.append(marker)
                        elif response.status == 503:
                            if marker in response.text:
                                self.refused_kept += 1
                            else:
                                self.refused_lost += 1
                elif not pending and rng.random() < 0.3:
                    response = ops.request(self.port, "GET", SURVEY)
                    self.record(response)
                    csrf = ops.CSRF_RE.search(response.text)
                    cookie = response.cookies().get("csrftoken")
                    if response.status == 200 and csrf and cookie:
                        n += 1
                        marker = f"faults{self.run}-{seed}-{n}"
                        answers = answers_for(response.text, marker)
                        answers["csrfmiddlewaretoken"] = csrf.group(1)
                        pending = (time.monotonic() + 3.5, answers, f"csrftoken={cookie}", marker)
                else:
                    self.record(ops.request(self.port, "GET", rng.choice(PAGES)))
            except OSError:
                self.record(None)
            time.sleep(0.05)


def prepare_answer(port: int, text: str):
    """A respondent opens the survey and types ``text`` into its free-text question."""
    respondent = ops.Browser()
    page = respondent.get(port, SURVEY)
    answers = answers_for(page.text, text)
    answers["csrfmiddlewaretoken"] = ops.CSRF_RE.search(page.text).group(1)
    return respondent, answers


def wait_for(predicate, timeout: float, step: float = 0.2) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        with contextlib.suppress(OSError):
            if predicate():
                return time.monotonic() - started
        time.sleep(step)
    return None


def stored_texts(pg: ops.PrivatePostgres, database: str) -> str:
    return ops.psql(
        ops.with_database(pg.url, database), "SELECT form_data::text FROM surveys_surveyresponse"
    )


def scenario(tl: Timeline, port: int, pg, redis, database: str, server: ops.Gunicorn) -> None:
    visitors = Visitors(port)
    visitors.start()
    try:
        time.sleep(6)
        tl.say(f"under load: {dict(visitors.statuses['warm-up'])}")

        # 1. PostgreSQL stops ---------------------------------------------------------
        respondent, answers = prepare_answer(port, f"typed during the outage {visitors.run}")
        time.sleep(3.5)  # the respondent takes their time
        visitors.phase = "postgres down"
        pg.stop("fast")
        tl.say("PostgreSQL stopped (pg_ctl stop -m fast)")
        page = ops.request(port, "GET", f"/en/search/?q=outage-{uuid.uuid4().hex[:6]}")
        tl.check(
            page.status == 503
            and page.header("Retry-After") == "30"
            and "try again in a minute" in page.text
            and "Traceback" not in page.text,
            "a page not in the cache answers the friendly 503 page with Retry-After",
            f"{page.status}, Retry-After {page.header('Retry-After') or 'missing'}",
        )
        cached = ops.request(port, "GET", "/en/")
        tl.say(
            f"the home page, in the page cache, answers {cached.status} "
            f"(X-Page-Cache: {cached.header('X-Page-Cache') or '-'})"
        )
        health = ops.request(port, "GET", "/healthz")
        tl.check(health.status == 503, "/healthz fails", f"{health.status} {health.text.strip()}")
        refused = respondent.post(port, SURVEY, answers, **{"X-Real-IP": "198.19.0.1"})
        typed = f"typed during the outage {visitors.run}"
        tl.check(
            refused.status == 503 and typed in refused.text and "Send again" in refused.text,
            "a survey answer sent now is refused and what was typed is on the page",
            f"{refused.status}",
        )
        time.sleep(5)

        # 2. PostgreSQL starts again ------------------------------------------------------
        pg.start()
        visitors.phase = "postgres back"
        tl.say("PostgreSQL started again")
        took = wait_for(lambda: ops.request(port, "GET", "/healthz").status == 200, 30)
        tl.check(
            took is not None,
            "the site recovers without restarting gunicorn",
            f"/healthz 200 after {took:.1f} s" if took is not None else "not in 30 s",
        )
        tl.check(server.proc.poll() is None, "gunicorn was not restarted (same master process)")
        resend = ops.form_fields(refused.text, "kept-form")
        again = respondent.post(port, SURVEY, resend, **{"X-Real-IP": "198.19.0.1"})
        tl.check(
            again.status == 200 and THANKS in again.text,
            "the refused answer, sent again from the 503 page, is accepted",
            f"{again.status}",
        )
        time.sleep(4)

        # 3. Redis stops ---------------------------------------------------------------
        visitors.phase = "redis down"
        redis.stop()
        tl.say("Redis stopped")
        pages = [ops.request(port, "GET", path) for path in PAGES]
        tl.check(
            all(p.status == 200 for p in pages)
            and not any(p.header("X-Page-Cache") == "hit" for p in pages),
            "pages are served (no error page), without the cache",
            ", ".join(str(p.status) for p in pages),
        )
        respondent, answers = prepare_answer(port, f"sent while Redis is away {visitors.run}")
        time.sleep(3.5)
        sent = respondent.post(port, SURVEY, answers, **{"X-Real-IP": "198.19.0.2"})
        tl.check(
            sent.status == 200 and THANKS in sent.text,
            "a survey answer is accepted (rate limit skipped)",
            f"{sent.status}",
        )
        time.sleep(4)
        redis.start()
        visitors.phase = "redis back"
        tl.say("Redis started again (empty)")
        took = wait_for(
            lambda: ops.request(port, "GET", "/en/about/").header("X-Page-Cache") == "hit", 15
        )
        tl.check(
            took is not None,
            "pages come from the cache again",
            f"after {took:.1f} s" if took is not None else "not in 15 s",
        )
        time.sleep(3)
    finally:
        visitors.finish()

    # What the visitors saw, and what was kept -------------------------------------------
    for phase, counts in visitors.statuses.items():
        tl.say(f"visitors, {phase}: {dict(sorted(counts.items(), key=str))}")
    errors = {
        phase: {s: n for s, n in counts.items() if s == "no answer" or s >= 500 and s != 503}
        for phase, counts in visitors.statuses.items()
    }
    tl.check(
        not any(errors.values()) and not visitors.tracebacks,
        "no visitor saw a server error or a traceback",
        str(errors),
    )
    outage_only = all(
        s < 400
        for phase, c in visitors.statuses.items()
        if phase != "postgres down"
        for s in c
        if s != "no answer"
    )
    tl.check(outage_only, "no error status outside the PostgreSQL outage")
    tl.check(
        visitors.refused_lost == 0,
        "every answer refused during the outage came back with what was typed",
        f"{visitors.refused_kept} refused, all kept",
    )
    texts = stored_texts(pg, database)
    lost = [marker for marker in visitors.accepted if marker not in texts]
    tl.check(
        not lost and visitors.accepted,
        "every accepted answer is in the database",
        f"{len(visitors.accepted)} accepted, {len(lost)} missing",
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-port", type=int, default=54329)
    parser.add_argument("--redis-port", type=int, default=63799)
    parser.add_argument("--port", type=int, default=8768, help="gunicorn")
    parser.add_argument(
        "--max-seconds", type=int, default=900, help="give up (and clean up) after this long"
    )
    args = parser.parse_args(argv)
    for port in (args.pg_port, args.redis_port, args.port):
        if not ops.port_free(port):
            print(f"port {port} is in use", file=sys.stderr)
            return 2
    if not shutil.which("redis-server") or not (ops.PG_BIN / "initdb").exists():
        print(f"needs redis-server and PostgreSQL's initdb in {ops.PG_BIN}", file=sys.stderr)
        return 2

    tl = Timeline()

    def give_up(signum, frame):
        raise TimeoutError(f"still running after {args.max_seconds} s")

    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(args.max_seconds)
    pg = redis = server = None
    media = None
    try:
        pg = ops.PrivatePostgres(args.pg_port)
        pg.start()
        redis = ops.PrivateRedis(args.redis_port)
        redis.start()
        tl.say(f"private PostgreSQL on {args.pg_port} and Redis on {args.redis_port} started")
        database = "msme_faults"
        ops.psql(pg.url, f"CREATE DATABASE {database}")
        media = ops.ROOT / f".faults-media-{os.getpid()}"
        env = ops.production_env(
            ops.with_database(pg.url, database),
            redis.url,
            SURVEYS_CLIENT_IP_HEADER="HTTP_X_REAL_IP",
            MEDIA_ROOT=str(media),
        )
        ops.manage(env, "migrate", "--noinput", "-v", "0", "--skip-checks")
        tl.say("migrated")
        ops.manage(env, "load_starter_content", timeout=600)
        ops.manage(env, "collectstatic", "--noinput", "-v", "0")
        tl.say("starter content loaded")
        server = ops.Gunicorn(env, args.port, workers=2, name="faults")
        server.wait_ready()
        tl.say(f"gunicorn (2 workers, production settings) on {args.port}")
        scenario(tl, args.port, pg, redis, database, server)
    except (ops.OpsError, TimeoutError) as exc:
        tl.say(f"setup failed: {exc}")
        return 2
    finally:
        signal.alarm(0)
        if server:
            server.stop()
        if redis:
            redis.stop()
        if pg:
            pg.destroy()
        if media:
            shutil.rmtree(media, ignore_errors=True)
        tl.say("stopped gunicorn, Redis and PostgreSQL; removed their folders")
    if tl.failures:
        print(f"\nFAILED: {len(tl.failures)} expectation(s): " + "; ".join(tl.failures))
        return 1
    print("\nOK: every expectation held")
    return 0


if __name__ == "__main__":
    sys.exit(main())
