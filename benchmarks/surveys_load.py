"""Load-test survey submissions: N connections for D seconds, then count what was stored.

``python -m benchmarks.surveys_load [--duration 60] [--connections 32]`` starts gunicorn on
127.0.0.1 (production settings, rate limit off: see ``surveys_settings.py``), and each
connection repeatedly loads the starter survey and submits it with a unique marker in a
free-text answer. At the end it prints requests sent, error responses, submissions
accepted (the thank-you page came back) and responses stored (rows carrying this run's
marker). It exits with status 1 if there was an error response or accepted != stored.
Bounded: it stops after --duration seconds and talks only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

from benchmarks.run import (
    HOST,
    ROOT,
    BenchError,
    bench_env,
    gunicorn_flags,
    log,
    port_free,
    prepare_database,
    start_server,
    stop_server,
    wait_ready,
)

SURVEY = "/en/msmes/have-your-say/what-msmes-need-from-this-platform/"
TIMEOUT = 30.0
COUNT_STORED = """
import django, sys
django.setup()
from surveys.models import SurveyResponse
marker = sys.argv[1]
print(sum(1 for data in SurveyResponse.objects.values_list("form_data", flat=True)
          if marker in str(data)))
"""
FIELD_RE = re.compile(r'<(input|select|textarea)\b[^>]*name="([^"]+)"[^>]*>', re.S)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (max 600)")
    parser.add_argument("--connections", type=int, default=32, help="max 64")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    args.duration = max(1, min(args.duration, 600))
    args.connections = max(1, min(args.connections, 64))
    return args


def answers_for(html: str, marker: str) -> dict[str, str]:
    """A valid submission for the starter survey, read from the form itself."""
    data = {}
    token = re.search(r'name="form_token" value="([^"]+)"', html)
    data["form_token"] = token.group(1) if token else ""
    data["website"] = ""
    for _tag, name in FIELD_RE.findall(html):
        if name in data or name in ("csrfmiddlewaretoken", "q"):
            continue
        if name == "consent":
            data[name] = "on"
    # Choose the first option of each choice question, a country, and a marked free text.
    for name, value in re.findall(r'name="([^"]+)" value="([^"]+)"', html):
        if name not in data and name not in ("csrfmiddlewaretoken", "form_token"):
            data[name] = value
    selects = re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S)
    for name, options in selects:
        values = [v for v in re.findall(r'<option value="([^"]*)"', options) if v]
        if values:
            data[name] = values[0]
    for name in re.findall(r'<textarea name="([^"]+)"', html):
        data[name] = f"load test {marker}"
    return data


class Counts:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = self.errors = self.accepted = 0
        self.statuses: dict[int, int] = {}

    def add(self, status, accepted=False):
        with self.lock:
            self.sent += 1
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status >= 400 or status == 0:
                self.errors += 1
            if accepted:
                self.accepted += 1


def client(port: int, deadline: float, marker: str, counts: Counts) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    while time.monotonic() < deadline:
        try:
            conn.request("GET", SURVEY)
            response = conn.getresponse()
            html = response.read().decode()
            counts.add(response.status)
            cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
            csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            if response.status != 200 or not (cookie and csrf):
                continue
            data = answers_for(html, marker)
            data["csrfmiddlewaretoken"] = csrf.group(1)
            body = urllib.parse.urlencode(data, doseq=True)
            conn.request(
                "POST",
                SURVEY,
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={cookie.group(1)}",
                },
            )
            response = conn.getresponse()
            page = response.read().decode()
            counts.add(response.status, accepted="your answers have been received" in page)
        except (OSError, http.client.HTTPException):
            counts.add(0)
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    conn.close()


def main(argv=None) -> int:
    args = parse_args(argv)
    env = bench_env(args.database_url)
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.surveys_settings"
    marker = uuid.uuid4().hex
    try:
        if not port_free(args.port):
            raise BenchError(f"port {args.port} is in use")
        prepare_database(env, load_content=True)
        with tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False) as log_file:
            proc = start_server(env, args.port, args.workers, gunicorn_flags(), log_file)
            try:
                wait_ready(proc, args.port, Path(log_file.name))
                log(f"{args.connections} connections for {args.duration} s on {SURVEY}")
                counts = Counts()
                deadline = time.monotonic() + args.duration
                threads = [
                    threading.Thread(target=client, args=(args.port, deadline, marker, counts))
                    for _ in range(args.connections)
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            finally:
                stop_server(proc)
        stored = subprocess.run(
            [sys.executable, "-c", COUNT_STORED, marker],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except BenchError as exc:
        log(f"error: {exc}")
        return 2
    print(f"requests sent: {counts.sent}  statuses: {dict(sorted(counts.statuses.items()))}")
    print(f"error responses: {counts.errors}")
    print(f"submissions accepted: {counts.accepted}  stored: {stored}")
    ok = counts.errors == 0 and str(counts.accepted) == stored and counts.accepted > 0
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
