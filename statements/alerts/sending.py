"""Sending alerts (`manage.py send_alerts`): for each active alert, the claims that became
public since its last message, found by the site's own search, sent once.

Which claims are new. A claim becomes public when its meeting is published
(`Meeting.published_at`), so an alert looks at the claims of meetings published after its
watermark (the start of its last run, or its confirmation). Two things make that exact:

- every claim a message carried is recorded (AlertSentClaim, unique per alert) and never
  sent to that alert again, so a meeting unpublished and published again (a new
  `published_at`) does not send its claims a second time;
- the watermark is read less LATE_COMMIT_MARGIN: `published_at` is set when a publication
  starts and becomes visible when it commits (a long ingest, seconds to minutes later), so a
  run in between must not move past it for good. Claims the margin brings back are those
  already recorded, and are skipped.

Claims are never sent from before the alert was confirmed. What an editor adds to a meeting
already published (a claim split in two) is not new: its words were sent, or not, with the
meeting. A new version of a report is a new meeting, so its claims are new.

The same search. The alert's search runs exactly as the site runs it (statements.search,
over every public claim: corrections, names and word forms decided as on the page), and the
new claims are those of its result published after the watermark.

Once, and concurrently. Each alert is sent in its own transaction that locks its row
(`SELECT ... FOR UPDATE SKIP LOCKED`: a second run at the same time skips the alerts the first
holds and finds nothing new in them afterwards); the claims are recorded and the watermark
moved in that transaction, which commits only after the message was handed to the mail
backend. A backend that fails rolls it back: the claims are sent by the next run. (A crash
between the hand-off and the commit can repeat one message; the other order could lose one.)
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from statements.alerts import mail
from statements.alerts.subscriptions import alert_request
from statements.models import Alert, AlertSentClaim, Claim
from statements.search import SearchError, SearchRequest, search

log = logging.getLogger(__name__)

LATE_COMMIT_MARGIN = datetime.timedelta(hours=1)
LISTED = 50  # claims written out in one message; the rest are counted, behind the search link


@dataclass
class Outcome:
    """One alert of a run: what was (or, dry, would be) sent."""

    alert: Alert
    claim_ids: list[int] = field(default_factory=list)
    error: str = ""


@dataclass
class Report:
    sent: list[Outcome] = field(default_factory=list)
    nothing_new: int = 0
    skipped: int = 0  # held by another run at the same time
    failed: list[Outcome] = field(default_factory=list)


def new_claims(alert: Alert, request: SearchRequest | None = None) -> QuerySet:
    """The public claims of the alert's search (`request`, when already read from it)
    published since its watermark and not sent to it yet, newest meeting first (SearchError:
    its search no longer reads)."""
    result = search(request or alert_request(alert), facets="none")
    since = max(alert.confirmed_at, alert.watermark - LATE_COMMIT_MARGIN)
    sent = AlertSentClaim.objects.filter(alert=alert, claim=OuterRef("pk"))
    return (
        result.claims.filter(meeting__published_at__gt=since)
        .exclude(Exists(sent))
        .order_by("-date", "meeting_id", "start", "pk")
    )


def send_alerts(*, dry_run: bool = False) -> Report:
    """Send every active alert its new claims (dry: say what would be sent, change nothing)."""
    report = Report()
    ids = list(Alert.objects.active().order_by("pk").values_list("pk", flat=True))
    backend = None if dry_run else get_connection()
    for pk in ids:
        if dry_run:
            _dry(pk, report)
            continue
        try:
            _send_one(pk, backend, report)
        except Exception as error:  # a backend or a search that failed: the next run retries
            log.exception("alert %s not sent", pk)
            alert = Alert.objects.filter(pk=pk).first() or Alert(pk=pk)
            report.failed.append(Outcome(alert, error=f"{type(error).__name__}: {error}"))
    if backend is not None:
        backend.close()
    return report


def _dry(pk: int, report: Report) -> None:
    alert = Alert.objects.active().filter(pk=pk).first()
    if alert is None:
        return
    try:
        ids = list(new_claims(alert).values_list("pk", flat=True))
    except SearchError as error:
        report.failed.append(Outcome(alert, error=error.message))
        return
    if ids:
        report.sent.append(Outcome(alert, ids))
    else:
        report.nothing_new += 1


def _send_one(pk: int, backend, report: Report) -> None:
    with transaction.atomic():
        alert = Alert.objects.active().select_for_update(skip_locked=True).filter(pk=pk).first()
        if alert is None:
            report.skipped += 1  # another run holds it (or it ended meanwhile)
            return
        started = timezone.now()
        try:
            request = alert_request(alert)
        except SearchError as error:
            report.failed.append(Outcome(alert, error=error.message))
            return
        claims = new_claims(alert, request)
        ids = list(claims.values_list("pk", flat=True))
        if ids:
            found = Claim.objects.select_related("speaker", "meeting").in_bulk(ids[:LISTED])
            listed = [found[pk] for pk in ids[:LISTED]]
            message = mail.alert_message(alert, request, listed, len(ids), connection=backend)
            _record(alert, ids, started)
            message.send()  # raises on failure: the transaction rolls back
            alert.last_sent_at = started
            alert.messages_sent += 1
            report.sent.append(Outcome(alert, ids))
        else:
            report.nothing_new += 1
        alert.watermark = started
        alert.save(update_fields=["watermark", "last_sent_at", "messages_sent"])


def _record(alert: Alert, ids: list[int], at: datetime.datetime) -> None:
    """The claims are this alert's for good (one statement, however many)."""
    table = AlertSentClaim._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (alert_id, claim_id, sent_at) "
            "SELECT %s, unnest(%s::bigint[]), %s ON CONFLICT DO NOTHING",
            [alert.pk, ids, at],
        )
