"""The signed links of alerts (django.core.signing, keyed by SECRET_KEY).

A confirmation link carries the alert and the interface language it was asked for in, and
expires after settings.ALERT_CONFIRM_DAYS; an unsubscribe link carries the alert alone and
never expires (a message read a year later must still unsubscribe). Each kind has its own salt,
so one cannot be used as the other.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "statements.alerts.confirm"
UNSUBSCRIBE_SALT = "statements.alerts.unsubscribe"


class BadToken(Exception):
    """A link that cannot be used: `expired` (then `alert_id` is known) or not genuine."""

    def __init__(self, expired: bool = False, alert_id: int | None = None):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired
        self.alert_id = alert_id


@dataclass(frozen=True)
class Confirmation:
    alert_id: int
    language: str


def confirm_token(alert_id: int, language: str) -> str:
    return signing.dumps({"a": alert_id, "l": language}, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> Confirmation:
    max_age = datetime.timedelta(days=settings.ALERT_CONFIRM_DAYS)
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        data = _payload(signing.loads(token, salt=CONFIRM_SALT))
        raise BadToken(expired=True, alert_id=data["a"]) from None
    except signing.BadSignature:
        raise BadToken() from None
    data = _payload(data)
    return Confirmation(data["a"], data["l"] if data.get("l") in ("en", "ur") else "en")


def unsubscribe_token(alert_id: int) -> str:
    return signing.dumps(alert_id, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int:
    try:
        alert_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise BadToken() from None
    if not isinstance(alert_id, int):
        raise BadToken()
    return alert_id


def _payload(data) -> dict:
    if not isinstance(data, dict) or not isinstance(data.get("a"), int):
        raise BadToken()
    return data
