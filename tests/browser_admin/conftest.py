"""Browser tests of the admin: headless Debian Chromium driven by Playwright, against
pytest-django's live server. Playwright's sync API runs an event loop in the test thread, so
Django's ORM calls from the test need DJANGO_ALLOW_ASYNC_UNSAFE."""

import os
import shutil

import pytest
from django.db import connections

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(20_000)
        try:
            yield page
        finally:
            browser.close()
            # ORM calls made while Playwright runs hold their own connection (a separate
            # context): close it here, or the test database cannot be dropped at the end.
            connections.close_all()


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """No `collectstatic` in tests: the live server serves the admin's static files unhashed."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def reset_login_attempts(transactional_db):
    """django-axes counts failed logins in the database: start and end each test with none."""
    from axes.utils import reset

    reset()
    yield
    reset()
