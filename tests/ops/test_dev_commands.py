"""`make run` end to end: a fresh cluster, migrations, the seed, the admin account, the site,
and a clean stop of the server and the database on Ctrl-C (SIGINT)."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from archive import pgcluster
from tests.seed_gold import SEED_CLAIMS

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="`make run` would migrate and seed the DATABASE_URL server itself",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.read().decode()
    except OSError:
        return 0, ""


def test_run_serves_the_seed_and_stops_cleanly(tmp_path):
    pgdata = tmp_path / "pgdata"
    port = _free_port()
    env = {
        **os.environ,
        "ARCHIVE_PGDATA": str(pgdata),
        "ARCHIVE_ADDRESS": f"127.0.0.1:{port}",
        "DJANGO_SUPERUSER_PASSWORD": "",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "archive.dev", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/meetings/2015-11-24-ali-khamenei-vladimir-putin/"
        deadline = time.monotonic() + 120
        status, body = 0, ""
        while time.monotonic() < deadline and status != 200:
            time.sleep(0.5)
            status, body = _get(url)
        assert status == 200
        assert "رہبر انقلاب اسلامی" in body
        assert pgcluster.is_running(pgdata)
    finally:
        proc.send_signal(signal.SIGINT)
        output, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, output
    assert "Created the admin account 'admin' with the password" in output
    assert f"{SEED_CLAIMS} claims" in output
    assert not pgcluster.is_running(pgdata)
    assert _get(url)[0] == 0  # the server is gone too


def test_the_readme_says_where_the_admin_is_and_as_whom_right_after_the_two_commands():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    after = readme.split("make test   #", 1)[1].split("```", 1)[1]
    first_paragraph = after.strip().split("\n\n", 1)[0]
    assert "/admin/" in first_paragraph and "`admin`" in first_paragraph
    assert "DJANGO_SUPERUSER_PASSWORD" in first_paragraph
    assert "/api/v1/docs" in first_paragraph
