"""schemathesis against the live app: property-based requests generated from
/api/v1/openapi.json (valid and invalid ones), every check on: no 5xx, status codes, content
types, headers and bodies as the document describes them."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.api.conftest import make_archive

CONFIG = Path(__file__).resolve().parent / "schemathesis.toml"


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_failures(live_server, tmp_path, settings):
    make_archive(tmp_path)
    settings.RATE_LIMITS = {}  # hundreds of requests from one client: not what is tested
    st = Path(sys.executable).with_name("st")
    command = [
        str(st),
        "--config-file",
        str(CONFIG),
        "run",
        f"{live_server.url}/api/v1/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        "25",
        "--seed",
        "20151124",
        "--generation-database",
        "none",
        "--no-color",
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    assert "Selected: 8/8" in run.stdout and "No issues found" in run.stdout, report
