"""Who may do what in the admin: editors edit the archive and nothing else, staff without the
group see nothing to edit, logins are throttled, every form needs its CSRF token."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test import Client

from statements.models import Meeting
from tests.admin import fixtures as admin_fixtures
from tests.admin.documents import XI_REPORT, XI_SOURCE

pytestmark = pytest.mark.django_db
User = get_user_model()
EDITOR_PASSWORD = admin_fixtures.EDITOR_PASSWORD
editor = admin_fixtures.editor
editor_client = admin_fixtures.editor_client


def test_editors_group_has_exactly_the_archive_permissions():
    perms = set(
        Group.objects.get(name="Editors").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    assert {app for app, _ in perms} == {"statements"}
    codenames = {c for _, c in perms}
    assert {"change_claim", "delete_claim", "add_meeting", "publish_meeting"} <= codenames
    assert {"add_alias", "add_speaker", "change_topic"} <= codenames
    # a source's report can be corrected (its text cannot: tests/admin/test_documents.py)
    assert "change_source" in codenames
    assert not {"add_source", "delete_source", "change_passage", "add_passage"} & codenames
    assert not any(c.startswith(("add_historical", "change_historical")) for c in codenames)


def test_create_editor_generates_a_password_printed_once(monkeypatch):
    out = io.StringIO()
    call_command("create_editor", "anna", stdout=out)
    password = out.getvalue().split("with the password ")[1].split()[0]
    user = User.objects.get(username="anna")
    assert user.check_password(password) and user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_editor", "anna", stdout=io.StringIO())


def test_create_editor_refuses_a_missing_or_weak_environment_password(monkeypatch):
    with pytest.raises(CommandError, match="not set"):
        call_command("create_editor", "bob", "--password-from-env", "NO_SUCH_VAR_HERE")
    monkeypatch.setenv("WEAK_PW", "123")
    with pytest.raises(CommandError, match="too weak"):
        call_command("create_editor", "bob", "--password-from-env", "WEAK_PW")
    assert not User.objects.filter(username="bob").exists()


def test_editor_sees_the_archive_but_not_user_management(editor_client):
    index = editor_client.get("/admin/").content.decode()
    assert "/admin/statements/claim/" in index and "/admin/statements/meeting/" in index
    assert "/admin/auth/" not in index
    for url in [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        "/admin/axes/accessattempt/",
    ]:
        assert editor_client.get(url).status_code in (403, 404), url


def test_editor_cannot_create_users_or_grant_permissions(editor, editor_client):
    before = User.objects.count()
    response = editor_client.post(
        "/admin/auth/user/add/",
        {"username": "mallory", "password1": "x-long-pass-123", "password2": "x-long-pass-123"},
    )
    assert response.status_code == 403 and User.objects.count() == before
    perm = Permission.objects.get(codename="change_user")
    response = editor_client.post(
        f"/admin/auth/user/{editor.pk}/change/",
        {"username": "editor", "is_superuser": "on", "user_permissions": [perm.pk]},
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser and not editor.user_permissions.exists()
    group = Group.objects.get(name="Editors")
    response = editor_client.post(
        f"/admin/auth/group/{group.pk}/change/", {"name": "Editors", "permissions": [perm.pk]}
    )
    assert response.status_code == 403
    assert not group.permissions.filter(codename="change_user").exists()


def test_editor_unpublishes_but_cannot_delete_a_meeting(editor_client, seeded):
    url = f"/admin/statements/meeting/{seeded.pk}/delete/"
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert Meeting.objects.filter(pk=seeded.pk).exists()


def test_staff_without_the_group_see_nothing_to_edit(db):
    staff = User.objects.create_user("visitor", password="a-long-visitor-pw-1", is_staff=True)
    client = Client()
    client.force_login(staff)
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "/admin/statements/" not in index.content.decode()
    for url in [
        "/admin/statements/claim/",
        "/admin/statements/meeting/",
        "/admin/statements/meeting/add/",
        "/admin/statements/speaker/",
        "/admin/statements/claim/deleted/",
    ]:
        assert client.get(url).status_code == 403, url
    assert (
        client.post("/admin/statements/meeting/add/", {"text": XI_REPORT, **XI_SOURCE}).status_code
        == 403
    )
    assert not Meeting.objects.exists()


def test_anonymous_is_sent_to_login(db):
    response = Client().get("/admin/statements/claim/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_login_works_then_failed_attempts_lock_the_account(editor):
    client = Client()
    ok = client.post("/admin/login/", {"username": "editor", "password": EDITOR_PASSWORD})
    assert ok.status_code == 302
    client.logout()
    for _ in range(5):
        bad = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert bad.status_code == 429
    locked = client.post("/admin/login/", {"username": "editor", "password": EDITOR_PASSWORD})
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert client.get("/admin/statements/claim/").status_code == 302  # still not logged in


def test_post_without_csrf_token_is_refused(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post("/admin/statements/meeting/add/", {"text": XI_REPORT, **XI_SOURCE})
    assert response.status_code == 403
    assert not Meeting.objects.exists()
    page = client.get("/admin/statements/meeting/add/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page


def _reverter(publish: bool) -> Client:
    from django.contrib.auth.models import Permission

    user = User.objects.create_user(
        f"reverter-{publish}", password="a-long-reverter-pw-1", is_staff=True
    )
    codenames = ["view_meeting", "change_meeting"] + (["publish_meeting"] if publish else [])
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("may_publish", [False, True])
def test_reverting_to_a_published_version_needs_the_publish_permission(seeded, may_publish):
    """Reverting a draft to an earlier, published version from its history page keeps it a
    draft unless the editor may publish."""
    published = seeded.history.filter(status="published").latest("history_date")
    seeded.status, seeded.published_at = "draft", None
    seeded.save()
    client = _reverter(may_publish)
    url = f"/admin/statements/meeting/{seeded.pk}/history/{published.history_id}/"
    assert client.get(url).status_code == 200
    data = {
        "title": seeded.title,
        "title_en": seeded.title_en,
        "date": seeded.date.isoformat(),
        "place": seeded.place,
        "slug": seeded.slug,
        "duration_minutes": seeded.duration_minutes or "",
        "duration_text": seeded.duration_text,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    seeded.refresh_from_db()
    assert seeded.is_published is may_publish
    assert (seeded.published_at is not None) is may_publish
