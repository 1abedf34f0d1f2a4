"""Fixtures for the admin tests: an editor made by `create_editor`, logged-in clients, and the
Khamenei-Xi report added as a draft the way the admin adds it."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.admin.documents import XI_REPORT, XI_SOURCE

EDITOR_PASSWORD = "a-long-editor-password-7"


@pytest.fixture
def editor(db, monkeypatch):
    monkeypatch.setenv("TEST_EDITOR_PASSWORD", EDITOR_PASSWORD)
    call_command(
        "create_editor",
        "editor",
        "--password-from-env",
        "TEST_EDITOR_PASSWORD",
        stdout=io.StringIO(),
    )
    return get_user_model().objects.get(username="editor")


@pytest.fixture
def editor_client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def xi_meeting(editor_client):
    """The Khamenei-Xi report pasted into the admin: a draft meeting."""
    from statements.models import Meeting

    response = editor_client.post(
        "/admin/statements/meeting/add/", {"text": XI_REPORT, **XI_SOURCE}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Meeting.objects.get(date="2016-01-23")
