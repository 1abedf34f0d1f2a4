"""The signed links: tampered, foreign, expired or unknown ones are a 4xx with a message, and
unsubscribing needs one click (a GET, or a mail client's one-click POST without a CSRF token)."""

import time

from django.core import mail, signing
from django.test import Client

from statements.alerts import tokens
from statements.alerts.subscriptions import deactivate
from statements.models import Alert
from tests.alerts.conftest import link_path


def _pending(client) -> tuple[Alert, str]:
    client.post("/alerts/new", {"q": "تعاون", "email": "reader@example.org"})
    return Alert.objects.get(), link_path(mail.outbox[-1], "confirm")


def test_a_tampered_confirmation_link_is_a_400_and_changes_nothing(client, seeded):
    alert, path = _pending(client)
    token = path.rstrip("/").rsplit("/", 1)[1]
    payload, stamp, signature = token.split(":")
    for bad in (
        f"{payload}:{stamp}:{signature[:-2]}xx",
        f"{signing.dumps({'a': alert.pk + 1, 'l': 'en'}, salt='other')}",
        "nothing-signed-here",
        tokens.unsubscribe_token(alert.pk),  # an unsubscribe link is no confirmation
    ):
        response = client.get(f"/alerts/confirm/{bad}/")
        assert response.status_code == 400, bad
        assert "The link is incomplete or was changed" in response.content.decode()
    alert.refresh_from_db()
    assert alert.status == "pending"


def test_an_expired_confirmation_link_is_a_410_that_offers_a_new_one(
    client, seeded, monkeypatch, settings
):
    alert, _ = _pending(client)
    days = settings.ALERT_CONFIRM_DAYS
    now = time.time
    monkeypatch.setattr(signing.time, "time", lambda: now() - (days + 1) * 86400)
    old = tokens.confirm_token(alert.pk, "en")
    monkeypatch.undo()
    response = client.get(f"/alerts/confirm/{old}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "This confirmation link has expired" in html
    assert f'href="/alerts/new?{alert.search}"' in html
    alert.refresh_from_db()
    assert alert.status == "pending"


def test_a_confirmation_confirms_once_and_says_so_again(client, seeded):
    _, path = _pending(client)
    assert client.get(path).status_code == 200
    again = client.get(path)
    assert again.status_code == 200
    assert "This alert was already on" in again.content.decode()


def test_an_unsubscribe_link_of_no_alert_or_tampered_is_a_4xx(client, seeded):
    assert client.get("/alerts/unsubscribe/abc:def/").status_code == 400
    forged = signing.dumps(1, salt=tokens.CONFIRM_SALT)
    assert client.get(f"/alerts/unsubscribe/{forged}/").status_code == 400
    response = client.get(f"/alerts/confirm/{tokens.confirm_token(999_999, 'en')}/")
    assert response.status_code == 404
    assert "This alert no longer exists" in response.content.decode()


def test_one_click_post_unsubscribes_without_a_csrf_token(client, seeded):
    alert, path = _pending(client)
    client.get(path)
    token = tokens.unsubscribe_token(alert.pk)
    response = Client(enforce_csrf_checks=True).post(
        f"/alerts/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.status == "unsubscribed" and alert.ended_by == "subscriber"


def test_undo_on_the_unsubscribe_page_keeps_the_alert(client, seeded):
    alert, path = _pending(client)
    client.get(path)
    token = tokens.unsubscribe_token(alert.pk)
    page = client.get(f"/alerts/unsubscribe/{token}/").content.decode()
    assert f'action="/alerts/resubscribe/{token}/"' in page
    assert client.get(f"/alerts/resubscribe/{token}/").status_code == 405
    response = client.post(f"/alerts/resubscribe/{token}/")
    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.status == "active"


def test_an_alert_an_editor_turned_off_is_not_turned_on_by_its_links(client, seeded):
    alert, path = _pending(client)
    client.get(path)
    deactivate(Alert.objects.all())
    response = client.get(path)
    assert response.status_code == 403
    assert "turned off by the archive" in response.content.decode()
    token = tokens.unsubscribe_token(alert.pk)
    assert client.post(f"/alerts/resubscribe/{token}/").status_code == 403
    alert.refresh_from_db()
    assert alert.status == "deactivated"


def test_alert_pages_are_never_kept_by_the_response_cache(client, seeded):
    alert, path = _pending(client)
    for url in (
        "/alerts/new?q=x",
        path,
        f"/alerts/unsubscribe/{tokens.unsubscribe_token(alert.pk)}/",
    ):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert response.get("X-Cache") != "hit"
