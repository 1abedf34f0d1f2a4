"""Test setup: the real PostgreSQL (embedded cluster unless DATABASE_URL is set), the seed."""

import io
import os
import shutil
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


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (Playwright's sync API allows one
    event loop per thread), shared by the site's and the admin's browser tests."""
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"no Chromium at {path}: `make test` installs Debian's chromium")
    from django.db import connections

    # Once Playwright's event loop runs in this thread, Django's connections (asgiref Local) are
    # new objects: carry over the snapshot serialized_rollback restores, if the database was
    # already set up by earlier tests.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
    # thread with a running loop unless told that this is deliberate (test code only).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        for alias, contents in snapshots.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()  # those of this context, before the loop (and context) ends


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def seeded(db):
    """The seed document ingested as `manage.py ingest` does it; returns its Meeting."""
    from statements.models import Meeting

    call_command("ingest", str(SEED), stdout=io.StringIO())
    return Meeting.objects.get(source__origin=SEED.name)


def pytest_collection_modifyitems(items):
    """Transactional tests (live server, browser, backup, replica) flush the database when they
    end, which would take the reference data of the migrations (speakers, aliases, topics) with
    it: give every one of them a serialized rollback, so each starts from the migrated state."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        args = marker.args if marker else ()
        transactional = kwargs.get("transaction") or {"transactional_db", "live_server"} & set(
            getattr(item, "fixturenames", ())
        )
        if transactional and "serialized_rollback" not in kwargs:
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(*args, **kwargs), append=False)


@pytest.fixture(autouse=True)
def _plain_static_storage(request, settings):
    """Tests run with DEBUG off, where the manifest storage needs `collectstatic` first; pages
    under test use plain static names unless a test asks for the manifest (`manifest_static`)."""
    if request.node.get_closest_marker("manifest_static"):
        return
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Hundreds of tests search from one address within a minute: rate limits are off unless a
    test sets them (tests of the limits themselves do)."""
    settings.RATE_LIMITS = {}


@pytest.fixture(scope="module")
def glossary(django_db_setup, django_db_blocker):
    """The bilingual glossary loaded once for a test module (as `make run` loads it), and
    rolled back after it: tests that use it (with `db`) run inside that transaction."""
    from django.db import transaction

    from statements.search.glossary import load_glossary

    with django_db_blocker.unblock(), transaction.atomic():
        load_glossary()
        yield
        transaction.set_rollback(True)
