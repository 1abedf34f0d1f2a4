"""Two runs at the same time send each alert once (the alert's row is locked while it is
sent, and the other run skips it); editors see alerts in the admin and may deactivate them,
never edit an address."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection, transaction

from statements.alerts.sending import send_alerts
from statements.models import Alert, AlertSentClaim
from tests.admin import fixtures as admin_fixtures
from tests.alerts.conftest import link_path, publish

editor = admin_fixtures.editor
editor_client = admin_fixtures.editor_client


def _active(client, email="reader@example.org"):
    client.post("/alerts/new", {"q": "تعاون", "email": email})
    client.get(link_path(mail.outbox[-1], "confirm"))
    return Alert.objects.get(email=email)


@pytest.mark.django_db(transaction=True)
def test_a_run_skips_the_alert_another_run_holds_and_nothing_goes_twice(client, draft_report):
    alert = _active(client)
    publish(draft_report)
    holding, release = threading.Event(), threading.Event()

    def other_run():
        try:
            with transaction.atomic():
                Alert.objects.select_for_update().get(pk=alert.pk)
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_run)
    thread.start()
    holding.wait(10)
    try:
        report = send_alerts()
    finally:
        release.set()
        thread.join()
    assert report.skipped == 1 and not report.sent
    assert len(send_alerts().sent) == 1
    assert not send_alerts().sent
    sent = list(AlertSentClaim.objects.values_list("claim_id", flat=True))
    assert len(sent) == len(set(sent)) > 0
    assert len(mail.outbox) == 2


def test_editors_may_view_and_deactivate_alerts_but_not_add_or_delete(db):
    codenames = set(
        Group.objects.get(name="Editors")
        .permissions.filter(content_type__model="alert")
        .values_list("codename", flat=True)
    )
    assert codenames == {"view_alert", "change_alert"}


def test_editors_list_search_and_deactivate_alerts(client, editor_client, seeded):
    alert = _active(client)
    page = editor_client.get("/admin/statements/alert/?q=reader")
    assert page.status_code == 200
    html = page.content.decode()
    assert "reader@example.org" in html and "Active" in html
    form = editor_client.get(f"/admin/statements/alert/{alert.pk}/change/").content.decode()
    assert 'name="email"' not in form  # read-only
    response = editor_client.post(
        "/admin/statements/alert/",
        {"action": "deactivate_alerts", "_selected_action": [alert.pk]},
        follow=True,
    )
    assert "1 alerts deactivated" in response.content.decode()
    alert.refresh_from_db()
    assert alert.status == "deactivated"
    assert editor_client.get("/admin/statements/alert/add/").status_code == 403
    assert editor_client.get(f"/admin/statements/alert/{alert.pk}/delete/").status_code == 403
