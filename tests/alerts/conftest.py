"""Fixtures of the alert tests: a document to publish, and the links a message holds."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from statements import editing
from statements.models import Meeting

# A report whose claims hold تعاون (cooperation), as the seed's do: new claims for an alert.
NEW_REPORT = (
    "2016 /Feb/ 9 - اسلام آباد میں سفیروں کی ملاقات\n\n"
    "روسی سفیر نے کہا کہ روس اور پاکستان کا تعاون خطے کے لئے اہم ہے۔\n\n"
    "پاکستانی وزیر خارجہ نے کہا کہ دونوں ملکوں کا اقتصادی تعاون بڑھے گا۔\n"
)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def draft_report(seeded, tmp_path):
    """A new report ingested as a draft (not public yet)."""
    path = tmp_path / "new-report.txt"
    path.write_text(NEW_REPORT, encoding="utf-8")
    call_command("ingest", str(path), "--draft", stdout=io.StringIO())
    return Meeting.objects.get(source__origin="new-report.txt")


def publish(meeting):
    editing.set_meeting_status(Meeting.objects.filter(pk=meeting.pk), Meeting.Status.PUBLISHED)


def unpublish(meeting):
    editing.set_meeting_status(Meeting.objects.filter(pk=meeting.pk), Meeting.Status.DRAFT)


def send(*args) -> str:
    out = io.StringIO()
    call_command("send_alerts", *args, stdout=out)
    return out.getvalue()


def link_path(message, kind: str) -> str:
    """The path of the `kind` link (confirm, unsubscribe) in a message's plain text."""
    found = re.search(rf"https?://\S+/alerts/{kind}/\S+/", message.body)
    assert found, message.body
    return urlsplit(found.group(0)).path
