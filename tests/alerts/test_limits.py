"""The form cannot fill an inbox: limited per client address and per e-mail address, with a
429 that says when to try again; a refused request sends nothing."""

from django.core import mail

from statements.models import Alert


def _post(client, email, q="تعاون"):
    return client.post("/alerts/new", {"q": q, "email": email})


def test_one_address_gets_few_confirmations_an_hour(client, seeded, settings):
    settings.RATE_LIMITS = {"alert_address": (2, 3600)}
    assert _post(client, "target@example.org").status_code == 200
    assert _post(client, "Target@Example.org", q="روس").status_code == 200
    refused = _post(client, "TARGET@example.org", q="ایران")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Several confirmation messages were sent to this address" in refused.content.decode()
    assert len(mail.outbox) == 2
    assert _post(client, "someone.else@example.org").status_code == 200


def test_one_client_sends_few_requests_an_hour(client, seeded, settings):
    settings.RATE_LIMITS = {"alert": (3, 3600)}
    for n in range(3):
        assert _post(client, f"victim{n}@example.org").status_code == 200
    refused = _post(client, "victim9@example.org")
    assert refused.status_code == 429
    assert "Too many requests from your connection" in refused.content.decode()
    assert len(mail.outbox) == 3 and Alert.objects.count() == 3
    other = client.post(
        "/alerts/new", {"q": "x", "email": "a@example.org"}, REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 200


def test_showing_the_form_is_not_counted(client, seeded, settings):
    settings.RATE_LIMITS = {"alert": (1, 3600)}
    for _ in range(5):
        assert client.get("/alerts/new?q=x").status_code == 200
    assert _post(client, "a@example.org").status_code == 200
