"""What subscribers and editors do to alerts, as services: each a short transaction.

One alert per address and search (the search's canonical parameters): asking again finds the
same row, so a confirmation is sent again and nothing is duplicated. Nothing here tells a
caller whether an address was already subscribed; the pages say the same in every case.
"""

from __future__ import annotations

from hashlib import md5
from urllib.parse import urlencode

from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.functions import MD5, Lower
from django.http import QueryDict
from django.utils import timezone

from statements.models import Alert
from statements.search import SearchRequest

# Parameters that do not change which claims match: an alert is the same without them.
NOT_PART_OF_AN_ALERT = ("sort", "count")


class InvalidAddress(ValueError):
    """Not an e-mail address we can send to."""


def alert_search(request: SearchRequest) -> str:
    """The canonical query string an alert keeps for `request` (no `?`)."""
    params = {k: v for k, v in request.to_params().items() if k not in NOT_PART_OF_AN_ALERT}
    return urlencode(params, doseq=True)


def alert_request(alert: Alert) -> SearchRequest:
    """The search of `alert`, read again (SearchError when a filter no longer names a row)."""
    return SearchRequest.from_params(QueryDict(alert.search))


def clean_address(raw: str) -> str:
    """The address as kept (trimmed, domain in lower case); InvalidAddress when it is none."""
    address = (raw or "").strip()
    try:
        EmailValidator()(address)
    except ValidationError:
        raise InvalidAddress(address) from None
    return BaseUserManager.normalize_email(address)


def _find(email: str, search: str) -> QuerySet:
    found = Alert.objects.annotate(email_key=Lower("email"), search_key=MD5("search"))
    return found.filter(email_key=email.lower(), search_key=md5(search.encode()).hexdigest())


def subscribe(email: str, request: SearchRequest, language: str) -> Alert:
    """The alert of `email` for `request`: made pending when new; an existing one (pending,
    active or unsubscribed) is returned as it is, for its confirmation to be sent again. The
    language is set when the link is confirmed (only the address's owner can change it)."""
    search = alert_search(request)
    with transaction.atomic():
        alert = _find(email, search).first()
        if alert is not None:
            return alert
        try:
            with transaction.atomic():
                return Alert.objects.create(email=email, search=search, language=language)
        except IntegrityError:  # the same address and search asked at the same moment
            return _find(email, search).get()


def confirmation_sent(alert: Alert) -> None:
    Alert.objects.filter(pk=alert.pk).update(confirmation_sent_at=timezone.now())


class Refused(Exception):
    """The alert was turned off by an editor: its links no longer turn it on."""


def confirm(alert_id: int, language: str) -> tuple[Alert | None, bool]:
    """Activate the alert (from now: earlier claims are not sent), in `language`. Returns the
    alert (None when it no longer exists) and whether it was already active."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update().filter(pk=alert_id).first()
        if alert is None:
            return None, False
        if alert.ended_by == Alert.EndedBy.EDITOR:
            raise Refused()
        was_active = alert.status == "active"
        alert.language = language
        if not was_active:
            now = timezone.now()
            alert.confirmed_at = alert.watermark = now
            alert.unsubscribed_at, alert.ended_by = None, ""
        alert.save()
        return alert, was_active


def unsubscribe(alert_id: int) -> Alert | None:
    """End the alert (again: nothing changes). None when it no longer exists."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update().filter(pk=alert_id).first()
        if alert is not None and alert.unsubscribed_at is None:
            alert.unsubscribed_at = timezone.now()
            alert.ended_by = Alert.EndedBy.SUBSCRIBER
            alert.save(update_fields=["unsubscribed_at", "ended_by"])
        return alert


def resubscribe(alert_id: int) -> Alert | None:
    """Undo an unsubscribe (the button on the unsubscribe page): active again from now."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update().filter(pk=alert_id).first()
        if alert is None:
            return None
        if alert.ended_by == Alert.EndedBy.EDITOR:
            raise Refused()
        if alert.unsubscribed_at is not None:
            now = timezone.now()
            alert.confirmed_at = alert.confirmed_at or now
            alert.watermark = now
            alert.unsubscribed_at, alert.ended_by = None, ""
            alert.save()
        return alert


def deactivate(alerts: QuerySet) -> int:
    """Editors turn alerts off (an abuse report, a bouncing address): how many were on."""
    return alerts.filter(unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now(), ended_by=Alert.EndedBy.EDITOR
    )
