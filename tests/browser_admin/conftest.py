"""Browser tests of the admin: headless Debian Chromium driven by Playwright, against
pytest-django's live server. Playwright's sync API runs an event loop in the test thread, so
Django's ORM calls from the test need DJANGO_ALLOW_ASYNC_UNSAFE."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.browser.conftest import visit  # noqa: F401 (the site's page fixture, reused)


@pytest.fixture
def browser_page(browser):
    """A fresh page of the session's Chromium (tests/conftest.py)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(autouse=True)
def reset_login_attempts(transactional_db):
    """django-axes counts failed logins in the database: start and end each test with none."""
    from axes.utils import reset

    reset()
    yield
    reset()
