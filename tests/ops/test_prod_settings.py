"""Production settings and headers: `check --deploy` is clean, pages carry the security headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="archive.example.org",
        DJANGO_SETTINGS_MODULE="archive.settings",
        **extra,
    )
    return env


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )


def test_check_deploy_passes_with_no_warnings_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_production_settings():
    """The check is real: the development settings do not pass it."""
    env = production_env()
    env.pop("DJANGO_PRODUCTION")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


def test_production_requires_a_secret_key_and_turns_debug_off():
    env = production_env(DJANGO_DEBUG="true")
    shown = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS >= 31536000)",
        env,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
    ]
    env.pop("DJANGO_SECRET_KEY")
    refused = run_python("import django; django.setup()", env)
    assert refused.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in refused.stderr


def test_every_database_connection_has_a_connect_timeout():
    env = production_env(
        DATABASE_URL="postgres://archive@db.example.org:5432/archive",
        DATABASE_REPLICA_URLS="postgres://archive@r1.example.org/archive,postgres://archive@r2.example.org/archive",
    )
    shown = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(sorted((a, d['HOST'], d['OPTIONS']['connect_timeout']) for a, d in s.DATABASES.items()))",
        env,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == (
        "[('default', 'db.example.org', 3), ('replica1', 'r1.example.org', 3), "
        "('replica2', 'r2.example.org', 3)]"
    )
    from django.conf import settings

    assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] == 3


@pytest.mark.django_db
def test_a_page_carries_the_security_headers(client, seeded):
    response = client.get(seeded.get_absolute_url())
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    for name in ("default-src", "script-src", "style-src", "font-src", "img-src"):
        assert directives[name] == ["'self'"], csp
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_admin_login_page_carries_the_same_headers(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def _session_setting(role_env: dict, name: str) -> str:
    """What a new connection made by Django's settings shows for `name`, in a fresh process
    started as the web (archive.wsgi) or as a command would be."""
    from django.db import connection as current

    from tests.ops.test_prod_server import database_url

    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_DATABASE_ROLE"}
    env.update(DATABASE_URL=database_url(current.settings_dict))
    code = (
        "import archive.wsgi\n" if role_env.get("WEB") else "import django; django.setup()\n"
    ) + (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        f"    c.execute('SHOW {name}'); print(c.fetchone()[0])\n"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.django_db
def test_web_connections_have_short_timeouts_and_commands_long_ones():
    assert _session_setting({"WEB": "1"}, "statement_timeout") == "25s"
    assert _session_setting({"WEB": "1"}, "lock_timeout") == "10s"
    assert _session_setting({"WEB": "1"}, "idle_in_transaction_session_timeout") == "1min"
    assert _session_setting({"WEB": "1"}, "client_connection_check_interval") == "5s"
    assert _session_setting({}, "statement_timeout") == "1h"
    assert _session_setting({}, "client_connection_check_interval") == "5s"
