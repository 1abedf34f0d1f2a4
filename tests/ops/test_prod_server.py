"""The production server end to end: gunicorn with archive/gunicorn.conf.py, DEBUG off.

It serves the test database (committed data: transactional_db) on a free loopback port, behind
the proxy header a TLS-terminating proxy would set.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from archive import pgcluster

BASE_DIR = Path(__file__).resolve().parents[2]
HTTPS = {"X-Forwarded-Proto": "https"}


def database_url(settings_dict: dict) -> str:
    user = quote(settings_dict["USER"] or "", safe="")
    password = settings_dict["PASSWORD"]
    auth = f"{user}:{quote(password, safe='')}@" if password else f"{user}@"
    host = settings_dict["HOST"] or ""
    if host.startswith("/"):
        return f"postgres://{auth}/{settings_dict['NAME']}?host={quote(host)}"
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{auth}{host}{port}/{settings_dict['NAME']}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, port: int):
        self.port = port

    def get(self, path: str, headers: dict | None = None, timeout: float = 10):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers={"Host": "archive.example.org", **(headers or {})})
            response = conn.getresponse()
            return response, response.read()
        finally:
            conn.close()


def start_production_server(tmp_path, **overrides) -> tuple[Server, subprocess.Popen]:
    """gunicorn as `make serve-prod` runs it, on a free loopback port, on the test database;
    `overrides` are more environment variables."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    env.update(
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="archive.example.org",
        DJANGO_SETTINGS_MODULE="archive.settings",
        DATABASE_URL=database_url(connection.settings_dict),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        DATABASE_CONN_MAX_AGE="60",  # persistent connections, as `make serve-prod` runs it
    )
    env.update(overrides)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "archive/gunicorn.conf.py"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Server(port)
    server.log = log
    deadline = time.monotonic() + 30
    while True:
        try:
            if server.get("/healthz", timeout=1)[0].status == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            pytest.fail(f"gunicorn did not start:\n{log.read()}")
        time.sleep(0.2)
    return server, process


def stop_production_server(server: Server, process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)
    server.log.close()


@pytest.fixture
def production_server(transactional_db, tmp_path):
    server, process = start_production_server(tmp_path)
    yield server
    stop_production_server(server, process)


def test_pages_over_https_with_hsts_and_the_security_headers(production_server, seeded):
    response, body = production_server.get(seeded.get_absolute_url(), HTTPS)
    assert response.status == 200
    assert seeded.title.encode() in body
    assert response.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "unsafe-inline" not in response.getheader("Content-Security-Policy")
    assert response.getheader("X-Frame-Options") == "DENY"


def test_plain_http_is_redirected_but_probes_are_not(production_server, seeded):
    response, _ = production_server.get(seeded.get_absolute_url())
    assert response.status == 301
    assert response.getheader("Location").startswith("https://archive.example.org/")
    for probe in ("/healthz", "/readyz"):
        assert production_server.get(probe)[0].status == 200


def test_static_files_are_hashed_and_compressed(production_server):
    response, body = production_server.get("/admin/login/", HTTPS)
    assert response.status == 200
    css = re.search(rb'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', body)
    assert css, "the admin's stylesheet is not served under a hashed name"
    response, _ = production_server.get(css.group(1).decode(), {**HTTPS, "Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "immutable" in response.getheader("Cache-Control")


def test_an_unknown_page_is_a_plain_404_not_a_debug_page(production_server):
    response, body = production_server.get("/no-such-page/?q=x", HTTPS)
    assert response.status == 404
    assert b"Traceback" not in body and b"DEBUG" not in body


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="stops the embedded cluster")
def test_database_down_gives_503_and_recovers_by_itself(production_server, seeded):
    """(Quickly, because every connection has connect_timeout: test_prod_settings checks it.)"""
    url = seeded.get_absolute_url()
    assert production_server.get(url, HTTPS)[0].status == 200
    pgcluster.stop()
    try:
        for path in (url, url, "/readyz"):
            response, body = production_server.get(path, HTTPS)
            assert response.status == 503, path
            assert response.getheader("Retry-After") == "10"
        assert b'"database": "unavailable"' in body
        assert b"/tmp" not in body and b"socket" not in body  # details only in the log
        assert production_server.get("/healthz")[0].status == 200
    finally:
        pgcluster.start()
        connection.close()  # this process's own connection died with the server
    assert production_server.get(url, HTTPS)[0].status == 200
    assert production_server.get("/readyz")[0].status == 200
    production_server.log.seek(0)
    log = production_server.log.read()
    assert f"GET {url} 503 " in log and f"GET {url} 200 " in log
    assert "Traceback" not in log


def test_a_huge_body_is_refused_before_it_is_read(production_server):
    """A 500 MB POST declared in its headers is answered 413 at once, by gunicorn too."""
    with socket.create_connection(("127.0.0.1", production_server.port), timeout=30) as conn:
        conn.sendall(
            b"POST /admin/login/ HTTP/1.1\r\nHost: archive.example.org\r\n"
            b"X-Forwarded-Proto: https\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            b"Content-Length: 524288000\r\n\r\n--x\r\n"
        )
        answer = conn.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")
