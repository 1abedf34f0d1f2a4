"""An ingest in progress in another process blocks no editor: the archive's version is bumped
without a shared row lock (migration 0013), so a publish or a reject made meanwhile does not
wait for the ingest to commit."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection, transaction

from statements import editing
from statements.models import Claim, Meeting

ROOT = Path(__file__).resolve().parents[2]

INGEST_AND_HOLD = """
import sys, django
django.setup()
from django.db import transaction
from statements.ingest.service import ingest_document
body = "\\n".join(f"وزیر خارجہ نے کہا کہ بات نمبر {i} اہم ہے۔" for i in range(300))
with transaction.atomic():
    ingest_document("2020-01-01 - ملاقات\\n\\n" + body, origin="long-ingest", publish=True)
    print("written", flush=True)
    sys.stdin.readline()  # hold the transaction open until the test says so
print("committed", flush=True)
"""


@pytest.fixture
def ingest_in_progress(transactional_db, seeded):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "archive.settings"}
    env["DATABASE_URL"] = _url(connection.settings_dict)
    process = subprocess.Popen(
        [sys.executable, "-c", INGEST_AND_HOLD],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()  # waits on the condition: the ingest has written
    assert line.strip() == "written", process.stderr.read()
    yield process
    if process.poll() is None:
        process.stdin.write("\n")
        process.stdin.flush()
    process.wait(timeout=60)


def _url(settings_dict) -> str:
    from tests.ops.test_prod_server import database_url

    return database_url(settings_dict)


def test_editors_write_while_an_ingest_is_uncommitted(ingest_in_progress, seeded):
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Were the version a row the ingest holds, this would fail after 2 s, not wait.
            cursor.execute("SET LOCAL lock_timeout = '2s'")
        editing.set_review_status(
            Claim.objects.filter(meeting=seeded)[:1], "rejected", editor="e", reason="test"
        )
        editing.set_meeting_status(Meeting.objects.filter(pk=seeded.pk), "draft")
    assert not Meeting.objects.get(pk=seeded.pk).is_published
    assert not Meeting.objects.filter(source__origin="long-ingest").exists()  # not yet
    ingest_in_progress.stdin.write("\n")
    ingest_in_progress.stdin.flush()
    assert ingest_in_progress.stdout.readline().strip() == "committed"
    assert Meeting.objects.filter(source__origin="long-ingest").exists()


def test_a_commit_out_of_order_still_changes_the_version(ingest_in_progress, seeded):
    """The ingest took its change id first but commits last: readers still see a new version."""
    from statements.search.facets import archive_version

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
        editing.set_meeting_status(Meeting.objects.filter(pk=seeded.pk), "draft")  # first
    before = archive_version()
    ingest_in_progress.stdin.write("\n")
    ingest_in_progress.stdin.flush()
    assert ingest_in_progress.stdout.readline().strip() == "committed"
    assert archive_version() != before
