"""An alert from beginning to end, with Django's test outbox: subscribe, confirm, a meeting
published, `send_alerts` sends once, again nothing, unsubscribe, then nothing."""

from urllib.parse import quote

from django.core import mail

from statements.alerts.sending import send_alerts
from statements.models import Alert, AlertSentClaim, Claim
from tests.alerts.conftest import link_path, publish, send, unpublish

Q = "تعاون"


def _subscribe(client, email="reader@example.org", prefix=""):
    return client.post(f"{prefix}/alerts/new", {"q": Q, "email": email})


def test_subscribe_confirm_publish_send_once_then_unsubscribe(client, draft_report):
    form = client.get(f"/alerts/new?q={quote(Q)}")
    assert form.status_code == 200
    assert 'name="email"' in form.content.decode()

    response = _subscribe(client)
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    alert = Alert.objects.get()
    assert alert.status == "pending" and alert.search == f"q={quote(Q)}"
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["reader@example.org"]

    send()  # pending: nothing
    assert len(mail.outbox) == 1

    confirmed = client.get(link_path(confirmation, "confirm"))
    assert confirmed.status_code == 200
    assert "Your alert is on" in confirmed.content.decode()
    alert.refresh_from_db()
    assert alert.status == "active"

    assert "0 messages sent" in send()  # the seed was public before: not new
    assert len(mail.outbox) == 1

    publish(draft_report)
    new = set(Claim.objects.public().filter(meeting=draft_report).values_list("pk", flat=True))
    assert new
    assert "1 messages sent" in send()
    assert len(mail.outbox) == 2
    message = mail.outbox[1]
    assert message.to == ["reader@example.org"]
    for pk in new:
        claim = Claim.objects.get(pk=pk)
        assert f"http://testserver/claims/{pk}/" in message.body
        assert " ".join(claim.text.split()) in message.body
    assert "2016-02-09" in message.body
    assert f"http://testserver/?q={quote(Q)}&sort=-date" in message.body
    html = message.alternatives[0].content
    assert 'lang="ur" dir="rtl"' in html
    unsubscribe = link_path(message, "unsubscribe")
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert set(AlertSentClaim.objects.values_list("claim_id", flat=True)) == new
    alert.refresh_from_db()
    assert alert.last_sent_at is not None and alert.messages_sent == 1

    assert "0 messages sent" in send()  # again: nothing
    unpublish(draft_report)
    publish(draft_report)  # published again, a new published_at: still sent once
    assert "0 messages sent" in send()
    assert len(mail.outbox) == 2

    gone = client.get(unsubscribe)
    assert gone.status_code == 200
    assert "You are unsubscribed" in gone.content.decode()
    alert.refresh_from_db()
    assert alert.status == "unsubscribed"
    unpublish(draft_report)
    AlertSentClaim.objects.all().delete()
    publish(draft_report)
    send()
    assert len(mail.outbox) == 2


def test_asking_again_resends_the_confirmation_and_makes_no_second_alert(client, seeded):
    first = _subscribe(client, "Reader@Example.ORG")
    again = _subscribe(client, "reader@example.org")
    assert first.status_code == again.status_code == 200
    assert Alert.objects.count() == 1
    assert Alert.objects.get().email == "Reader@example.org"
    assert len(mail.outbox) == 2
    client.get(link_path(mail.outbox[1], "confirm"))
    # an active alert: the same answer, one more confirmation, still one alert
    third = _subscribe(client, "READER@example.org")
    assert third.status_code == 200
    assert "Check your inbox" in third.content.decode()
    assert Alert.objects.count() == 1 and len(mail.outbox) == 3
    # another search is another alert
    client.post("/alerts/new", {"q": Q, "speaker": "vladimir-putin", "email": "reader@example.org"})
    assert Alert.objects.count() == 2


def test_the_answer_does_not_say_whether_an_address_is_subscribed(client, seeded):
    def page(email):
        html = _subscribe(client, email).content.decode()
        return html.split("<main", 1)[1].split("</main>", 1)[0].replace(email, "ADDRESS")

    known = page("known@example.org")
    client.get(link_path(mail.outbox[0], "confirm"))
    assert page("known@example.org") == known == page("stranger@example.org")


def test_a_bad_address_is_refused_with_a_message(client, seeded):
    for bad in ("", "not an address", "a@b", "x" * 300 + "@example.org", "two@@example.org"):
        response = _subscribe(client, bad)
        assert response.status_code == 400, bad
        html = response.content.decode()
        assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert not Alert.objects.exists() and not mail.outbox


def test_a_search_that_cannot_run_is_a_400(client, seeded):
    response = client.get("/alerts/new?speaker=no-such-speaker")
    assert response.status_code == 400
    assert "there is no speaker" in response.content.decode()
    response = client.post("/alerts/new", {"date_from": "yesterday", "email": "a@example.org"})
    assert response.status_code == 400 and not Alert.objects.exists()


def test_dry_run_lists_and_changes_nothing(client, draft_report):
    _subscribe(client)
    client.get(link_path(mail.outbox[0], "confirm"))
    publish(draft_report)
    out = send("--dry-run")
    assert "would send 2 claims" in out and "reader@example.org" in out
    assert len(mail.outbox) == 1 and not AlertSentClaim.objects.exists()
    assert "1 messages sent" in send()


def test_the_results_link_carries_the_search_and_the_language(client, seeded):
    html = client.get(f"/?q={quote(Q)}&speaker=vladimir-putin&sort=-date").content.decode()
    speaker = seeded.claims.filter(speaker__slug="vladimir-putin").first().speaker_id
    assert f'href="/alerts/new?q={quote(Q)}&amp;speaker={speaker}"' in html
    urdu = client.get(f"/ur/?q={quote(Q)}").content.decode()
    assert f'href="/ur/alerts/new?q={quote(Q)}"' in urdu
    page = client.get("/speakers/vladimir-putin/").content.decode()
    assert f'href="/alerts/new?speaker={speaker}"' in page


def test_a_failing_mail_backend_moves_nothing_and_the_next_run_sends(
    client, draft_report, settings
):
    _subscribe(client)
    client.get(link_path(mail.outbox[0], "confirm"))
    publish(draft_report)
    alert = Alert.objects.get()
    settings.EMAIL_BACKEND = "tests.alerts.failing_backend.EmailBackend"
    report = send_alerts()
    assert len(report.failed) == 1 and "refused" in report.failed[0].error
    assert not AlertSentClaim.objects.exists()
    before = (alert.watermark, alert.last_sent_at)
    alert.refresh_from_db()
    assert (alert.watermark, alert.last_sent_at) == before
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert len(send_alerts().sent) == 1
    assert len(mail.outbox) == 2


def test_the_longest_query_is_one_alert(client, seeded):
    q = ("تعاون" * 100)[:500]  # one word of 500 letters, 6 characters each encoded
    for _ in range(2):
        response = client.post("/alerts/new", {"q": q, "email": "reader@example.org"})
        assert response.status_code == 200
    alert = Alert.objects.get()
    assert len(alert.search) > 2700  # more than a B-tree entry holds: unique by its hash
