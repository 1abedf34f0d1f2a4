"""A mail backend whose server refuses every message (tests of send_alerts' rollback)."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"x": (550, b"refused")})
