"""Messages are in the language the alert was asked for in: Urdu ones are right-to-left in
their HTML part, with a plain-text part, and link to the Urdu pages."""

from django.core import mail

from statements.models import Alert
from tests.alerts.conftest import link_path, publish, send


def test_an_alert_asked_for_in_urdu_writes_in_urdu(client, draft_report):
    response = client.post("/ur/alerts/new", {"q": "تعاون", "email": "qari@example.org"})
    assert response.status_code == 200
    assert 'lang="ur"' in response.content.decode()
    confirmation = mail.outbox[0]
    assert "تصدیق" in confirmation.subject
    assert link_path(confirmation, "confirm").startswith("/ur/alerts/confirm/")
    html = confirmation.alternatives[0].content
    assert '<html lang="ur" dir="rtl">' in html
    assert client.get(link_path(confirmation, "confirm")).status_code == 200
    assert Alert.objects.get().language == "ur"

    publish(draft_report)
    send()
    message = mail.outbox[1]
    assert "نئے بیانات" in message.subject
    assert "http://testserver/ur/claims/" in message.body
    assert "http://testserver/ur/?q=" in message.body
    assert link_path(message, "unsubscribe").startswith("/ur/alerts/unsubscribe/")
    assert message.alternatives[0].mimetype == "text/html"
    assert '<html lang="ur" dir="rtl">' in message.alternatives[0].content
    assert "Claim page" not in message.body


def test_an_english_alert_writes_in_english_with_the_claims_marked_urdu(client, draft_report):
    client.post("/alerts/new", {"q": "تعاون", "email": "reader@example.org"})
    client.get(link_path(mail.outbox[0], "confirm"))
    publish(draft_report)
    send()
    message = mail.outbox[1]
    assert message.subject.startswith("New claims for your search: «تعاون»")
    html = message.alternatives[0].content
    assert '<html lang="en" dir="ltr">' in html and '<p lang="ur" dir="rtl"' in html


def test_confirming_from_the_other_language_switches_the_alert(client, seeded):
    client.post("/alerts/new", {"q": "تعاون", "email": "reader@example.org"})
    client.post("/ur/alerts/new", {"q": "تعاون", "email": "reader@example.org"})
    assert Alert.objects.get().language == "en"  # nothing changes before a confirmation
    client.get(link_path(mail.outbox[1], "confirm"))
    assert Alert.objects.get().language == "ur"
