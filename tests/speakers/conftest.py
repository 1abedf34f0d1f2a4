"""Fixtures of the speaker tests: the whole reference data, loaded once per module."""

import pytest
from django.db import transaction

from statements.speakers.reference import load_reference


@pytest.fixture(scope="module")
def reference(django_db_setup, django_db_blocker):
    """The reference data loaded once for a test module, and rolled back after it: tests
    that use it (with `db`) run inside that transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference()
        yield
        transaction.set_rollback(True)
