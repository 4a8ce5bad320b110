"""What the operations scripts and tests share: app servers, HTTP clients, databases.

Used by ``benchmarks.faults``, ``benchmarks.load`` and ``tests/ops/``. Every server is
started with the production settings (transport security relaxed for plain HTTP on
127.0.0.1) and stopped, with its process group, by the code that started it.
"""

from __future__ import annotations

import contextlib
import html.parser
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SECRET_KEY = "ops-only-insecure-key-never-use-for-anything-else-0123456789abcdef"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


class OpsError(Exception):
    """A setup step failed; the message says which and shows its output."""


# Environment and processes -----------------------------------------------------------


def production_env(database_url: str, redis_url: str = "", **extra: str) -> dict[str, str]:
    """The production settings as a deployment sets them, over plain HTTP on 127.0.0.1."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="msme_platform.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra)
    return env


def run(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 300, **kwargs) -> str:
    result = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, **kwargs
    )
    if result.returncode:
        output = (result.stdout + result.stderr).strip()[-3000:]
        raise OpsError(f"{' '.join(map(str, cmd))} failed:\n{output}")
    return result.stdout


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    return run([sys.executable, "manage.py", *args], env=env, timeout=timeout)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def ports(count: int, env_name: str) -> list[int]:
    """``count`` ports: from ``env_name`` (comma-separated) when set, else free ones."""
    wanted = [int(p) for p in os.environ.get(env_name, "").split(",") if p.strip()]
    chosen = wanted[:count] if len(wanted) >= count else [free_port() for _ in range(count)]
    busy = [port for port in chosen if not port_free(port)]
    if busy:
        raise OpsError(f"ports in use: {busy} (set {env_name})")
    return chosen


class Gunicorn:
    """One app server; ``stop()`` ends it and its workers."""

    def __init__(self, env: dict[str, str], port: int, workers: int = 2, name: str = "app"):
        self.port, self.name = port, name
        self.log_path = Path(tempfile.mkstemp(prefix=f"gunicorn-{name}-", suffix=".log")[1])
        flags = []
        from gunicorn.config import KNOWN_SETTINGS

        if "control_socket_disable" in {s.name for s in KNOWN_SETTINGS}:
            flags.append("--no-control-socket")
        cmd = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{port}",
            "--max-requests",
            "0",
            "--access-logfile",
            "/dev/null",
            *flags,
        ]
        with self.log_path.open("w") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait_ready(self, timeout: float = 40, path: str = "/healthz") -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise OpsError(f"gunicorn {self.name} exited:\n{self.log_tail()}")
            try:
                if request(self.port, "GET", path, timeout=5).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise OpsError(
            f"gunicorn {self.name} did not answer in {timeout:.0f} s:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def signal_stop(self) -> None:
        if self.proc.poll() is None and not getattr(self, "_stopping", False):
            self._stopping = True
            with contextlib.suppress(ProcessLookupError):  # SIGINT: gunicorn's quick shutdown
                os.killpg(self.proc.pid, signal.SIGINT)

    def stop(self) -> None:
        self.signal_stop()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        with contextlib.suppress(OSError):
            self.log_path.unlink()


def stop_all(servers: list[Gunicorn]) -> None:
    """Stop several servers at once (each takes a second or two to shut down)."""
    for server in servers:
        server.signal_stop()
    for server in servers:
        server.stop()


# HTTP ----------------------------------------------------------------------------------


class Response:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    def cookies(self) -> dict[str, str]:
        found = {}
        for value in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
        return found


def request(
    port: int,
    method: str,
    path: str,
    data: dict | list | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 15,
    conn: http.client.HTTPConnection | None = None,
) -> Response:
    own = conn is None
    conn = conn or http.client.HTTPConnection(HOST, port, timeout=timeout)
    body = None
    headers = dict(headers or {})
    if data is not None:
        body = urllib.parse.urlencode(data, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        if own:
            conn.close()


class Browser:
    """A visitor with a cookie jar, who may talk to any of several app servers."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def send(self, port: int, method: str, path: str, data=None, **headers) -> Response:
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = request(port, method, path, data=data, headers=headers)
        for name, value in response.cookies().items():
            if value in ('""', ""):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def get(self, port: int, path: str, **headers) -> Response:
        return self.send(port, "GET", path, **headers)

    def post(self, port: int, path: str, data, **headers) -> Response:
        return self.send(port, "POST", path, data=data, **headers)

    def post_multipart(self, port: int, path: str, fields, files, **headers) -> Response:
        """``files``: ``{name: (filename, bytes)}``, as a browser sends a file input."""
        boundary = f"----ops{uuid.uuid4().hex}"
        parts = []
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection(HOST, port, timeout=15)
        try:
            conn.request("POST", path, body=body, headers=headers)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            conn.close()
        self.cookies.update(response.cookies())
        return response

    def sign_in(self, port: int, username: str, password: str) -> Response:
        page = self.get(port, "/admin/login/")
        csrf = CSRF_RE.search(page.text).group(1)
        data = {"csrfmiddlewaretoken": csrf, "username": username, "password": password}
        return self.post(port, "/admin/login/", data, Referer=f"http://{HOST}:{port}/admin/login/")


class FormParser(html.parser.HTMLParser):
    """The fields a browser would send for one form of a page (JavaScript off)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea = self._select = None
        self._select_values: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        kind = (attrs.get("type") or "text").lower()
        name = attrs.get("name")
        if tag == "input" and name and kind not in ("submit", "button", "file", "image"):
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select, self._select_values, self._first = name, [], None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first is None:
                self._first = value
            if "selected" in attrs:
                self._select_values.append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            # A browser drops the newline right after <textarea>.
            self.fields.append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None
        elif tag == "select" and self._select:
            values = self._select_values or ([self._first] if self._first is not None else [])
            self.fields.extend((self._select, value) for value in values)
            self._select = None


def form_fields(page_html: str, form_id: str) -> list[tuple[str, str]]:
    parser = FormParser(form_id)
    parser.feed(page_html)
    return parser.fields


# PostgreSQL and Redis --------------------------------------------------------------------


def psql(server_url: str, sql: str) -> str:
    return run(["psql", server_url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], timeout=60)


def with_database(server_url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(server_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def create_database(server_url: str, name: str) -> str:
    psql(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(server_url, f'CREATE DATABASE "{name}"')
    return with_database(server_url, name)


def drop_database(server_url: str, name: str) -> None:
    psql(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def reachable(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(2)
        try:
            sock.connect((host, port))
        except OSError:
            return False
    return True


class PrivatePostgres:
    """A PostgreSQL cluster of our own in a temporary folder, to stop and start at will."""

    def __init__(self, port: int):
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="ops-pg-"))
        self.data = self.dir / "data"
        if os.geteuid() == 0:  # initdb refuses to run as root
            shutil.chown(self.dir, "postgres")
        self._as_postgres(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(self.data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
            ],
            timeout=120,
        )
        self.url = f"postgresql://postgres@{HOST}:{port}/postgres"

    def _as_postgres(self, cmd: list[str], timeout: float = 60) -> str:
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return run(cmd, timeout=timeout)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses={HOST} -c fsync=off"
        self._as_postgres(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.dir / "log"),
                "-w",
                "start",
            ]
        )

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            self._as_postgres(
                [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"]
            )

    def destroy(self) -> None:
        with contextlib.suppress(OpsError, subprocess.TimeoutExpired):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    def __init__(self, port: int):
        self.port, self.proc = port, None
        self.url = f"redis://{HOST}:{port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                HOST,
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while not reachable(HOST, self.port):
            if time.monotonic() > deadline:
                raise OpsError("redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def forget_cache(redis_url: str, prefix: str) -> None:
    """Remove the keys a run wrote under its own cache key prefix."""
    import redis

    with contextlib.suppress(redis.RedisError):
        client = redis.Redis.from_url(redis_url)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
