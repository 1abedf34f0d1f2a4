"""Test setup: the real PostgreSQL (embedded cluster unless DATABASE_URL is set), the seed."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from archive import pgcluster

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_6e83539992437108.txt"
_started_here = False


def pytest_sessionstart(session):
    """`pytest` alone works too: start the embedded cluster if nothing else did."""
    global _started_here
    if not os.environ.get("DATABASE_URL"):
        _started_here = pgcluster.start()


def pytest_sessionfinish(session, exitstatus):
    if _started_here:
        pgcluster.stop()


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def seeded(db):
    """The seed document ingested as `manage.py ingest` does it; returns its Meeting."""
    from statements.models import Meeting

    call_command("ingest", str(SEED), stdout=io.StringIO())
    return Meeting.objects.get(source__origin=SEED.name)
