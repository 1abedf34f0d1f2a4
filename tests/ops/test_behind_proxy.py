"""Behind a real reverse proxy (Debian's nginx on loopback, started here) in front of gunicorn:
each visitor is its own client for the rate limits and the login lockout, and a forged
X-Forwarded-For changes nothing. Visitors connect from different loopback addresses
(127.0.0.2, 127.0.0.3); nginx reaches gunicorn from 127.0.0.1, the one trusted proxy."""

import http.client
import os
import re
import shutil
import subprocess
import time
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model

from tests.ops.test_prod_server import free_port, start_production_server, stop_production_server

NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    client_max_body_size 25m;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host archive.example.org;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
        }}
    }}
}}
"""
PASSWORD = "a-long-editor-password-9"


def _nginx() -> str:
    found = shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    if not found:
        pytest.fail("no nginx: `make test` installs Debian's nginx-light")
    return found


class Visitor:
    """A browser-like client of the proxy from its own loopback address (keeps cookies)."""

    def __init__(self, port: int, address: str):
        self.port, self.address, self.cookies = port, address, {}

    def request(self, method: str, path: str, body: dict | None = None, headers=None):
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = "https://archive.example.org/admin/login/"
        try:
            conn.request(method, path, body=data, headers={**sent, **(headers or {})})
            response = conn.getresponse()
            content = response.read().decode()
        finally:
            conn.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, content

    def log_in(self, password: str) -> int:
        _, page = self.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.request(
            "POST",
            "/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": token, "username": "editor", "password": password},
        )
        return status  # 302: logged in; 200: the form again; 403/429: locked out


@pytest.fixture
def proxy(transactional_db, tmp_path):
    server, process = start_production_server(
        tmp_path,
        TRUSTED_PROXIES="127.0.0.1",
        SEARCH_RATE_LIMIT="3",
        GUNICORN_WORKERS="1",  # the counts live in the worker's own memory
        DJANGO_SECURE_SSL_REDIRECT="false",
    )
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp_path, port=port, upstream=server.port))
    nginx = subprocess.Popen(
        [_nginx(), "-c", str(conf), "-p", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):  # until nginx accepts connections (or has died)
            if nginx.poll() is not None:
                pytest.fail((tmp_path / "error.log").read_text())
            try:
                if Visitor(port, "127.0.0.9").request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("nginx did not answer")
        yield port
    finally:
        nginx.terminate()
        nginx.wait(timeout=30)
        stop_production_server(server, process)


def test_each_visitor_has_its_own_search_limit_and_cannot_forge_another(proxy):
    first, second = Visitor(proxy, "127.0.0.2"), Visitor(proxy, "127.0.0.3")
    # distinct searches: a repeat would come from the response cache, uncounted
    for i in range(3):
        assert first.request("GET", f"/api/v1/claims?q=x{i}")[0] == 200
    assert first.request("GET", "/api/v1/claims?q=x3")[0] == 429
    assert first.request("GET", "/?q=x4")[0] == 429  # the page shares the budget
    forged = {"X-Forwarded-For": "127.0.0.77"}
    assert first.request("GET", "/api/v1/claims?q=x5", headers=forged)[0] == 429
    assert second.request("GET", "/api/v1/claims?q=x6")[0] == 200


def test_wrong_passwords_lock_out_that_visitor_only(proxy):
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    attacker, editor = Visitor(proxy, "127.0.0.2"), Visitor(proxy, "127.0.0.3")
    statuses = [attacker.log_in("wrong-password") for _ in range(6)]
    assert statuses[-1] != 302
    assert attacker.log_in(PASSWORD) != 302  # locked out, even with the right password
    assert editor.log_in(PASSWORD) == 302  # the editor elsewhere is not
