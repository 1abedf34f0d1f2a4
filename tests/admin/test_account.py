"""`manage.py ensure_admin`: an admin account exists, with no fixed default password."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_generated_password_is_printed_once_and_works(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    first, second = io.StringIO(), io.StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)
    password = first.getvalue().split("with the password ")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    assert password not in second.getvalue()
    assert get_user_model().objects.count() == 1


def test_password_from_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-test-password-1")
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "a-long-test-password-1" not in out.getvalue()
    assert get_user_model().objects.get(username="admin").check_password("a-long-test-password-1")
