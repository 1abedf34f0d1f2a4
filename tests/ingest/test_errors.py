"""Bad input: a clear one-line error, a non-zero exit, and nothing written."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from statements.models import Claim, Meeting, Passage, Source

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _counts():
    return tuple(m.objects.count() for m in (Source, Meeting, Passage, Claim))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the document is empty"),
        (b"  \n\n ", "the document is empty"),
        (b"\xff\xfe\x00title", "not UTF-8"),
        ("عنوان\nکچھ متن۔\n".encode(), "no date line"),
        (b"2015 /Nov/ 24 - \xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86\n", "no text"),
        ("2015 /Foo/ 24 - عنوان\nمتن۔\n".encode(), "no date line"),
        ("2015 /Feb/ 31 - عنوان\nمتن۔\n".encode(), "no date line"),
    ],
)
def test_bad_documents_are_refused_and_nothing_is_written(tmp_path, seed_bytes, content, message):
    good = tmp_path / "a_good.txt"
    good.write_bytes(seed_bytes)
    bad = tmp_path / "b_bad.txt"
    bad.write_bytes(content)
    before = _counts()
    with pytest.raises(CommandError, match=message):
        call_command("ingest", str(good), str(bad))
    assert _counts() == before  # not even the good document before it


def test_missing_path_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        call_command("ingest", str(tmp_path / "missing.txt"))
    assert _counts() == (0, 0, 0, 0)


def test_command_line_error_is_one_line_and_non_zero(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "manage.py", "ingest", str(bad)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "the document is empty" in result.stderr


def test_failing_document_leaves_nothing(tmp_path, seed_bytes):
    """A real database error half-way through a document (a trigger refusing one claim) rolls
    back the whole document: no source, meeting or passage of it remains."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE FUNCTION refuse_claim() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.text LIKE '%چوکنا%' THEN RAISE EXCEPTION 'refused for the test'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_claim BEFORE INSERT ON statements_claim
                FOR EACH ROW EXECUTE FUNCTION refuse_claim();
            """
        )
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes)
    with pytest.raises(Exception, match="refused for the test"):
        call_command("ingest", str(path), stdout=io.StringIO())
    assert _counts() == (0, 0, 0, 0)


def test_database_refuses_a_claim_whose_text_is_not_its_span(seeded):
    claim = seeded.claims.first()
    claim.text = claim.text + " اضافہ"
    with pytest.raises(IntegrityError, match="does not equal"), transaction.atomic():
        claim.save()
    claim.refresh_from_db()
    claim.end = len(seeded.source.text) + 10
    with pytest.raises(IntegrityError, match="outside the source"), transaction.atomic():
        claim.save()


def test_same_sha_cannot_be_stored_twice(seeded):
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(text="x", sha256=seeded.source.sha256, origin="other")


def test_changed_bytes_make_a_new_draft_version(seeded, tmp_path, seed_bytes):
    path = tmp_path / seeded.source.origin
    path.write_bytes(seed_bytes.replace("نطر".encode(), "نظر".encode()))
    out = io.StringIO()
    call_command("ingest", str(path), stdout=out)
    new = Meeting.objects.exclude(pk=seeded.pk).get()
    assert new.source.version == 2 and new.source.previous_version == seeded.source
    assert new.status == Meeting.Status.DRAFT
    assert "changed version" in out.getvalue()
    seeded.refresh_from_db()
    assert seeded.status == Meeting.Status.PUBLISHED  # the published one is untouched


def _report(paragraphs: int) -> str:
    body = "\n".join(f"وزیر خارجہ نے کہا کہ بات نمبر {i} اہم ہے۔" for i in range(paragraphs))
    return f"2020-01-01 - ملاقات\n\n{body}\n"


def test_a_document_over_the_paragraph_limit_is_refused_on_every_path(tmp_path, admin_client):
    from statements.ingest.parse import MAX_PARAGRAPHS

    big = tmp_path / "big.txt"
    big.write_text(_report(MAX_PARAGRAPHS + 1), encoding="utf-8")
    with pytest.raises(CommandError, match=f"at most {MAX_PARAGRAPHS:,}"):
        call_command("ingest", str(big))
    report = {"publisher": "Dawn", "published_on": "2020-01-01"}
    response = admin_client.post(
        "/admin/statements/meeting/add/", {"text": big.read_text(), **report}
    )
    assert response.status_code == 200
    assert f"at most {MAX_PARAGRAPHS:,}" in response.content.decode()
    assert _counts() == (0, 0, 0, 0)


def test_a_document_at_the_paragraph_limit_is_ingested(tmp_path):
    from statements.ingest.parse import MAX_PARAGRAPHS

    doc = tmp_path / "long.txt"
    doc.write_text(_report(MAX_PARAGRAPHS), encoding="utf-8")
    call_command("ingest", str(doc), stdout=io.StringIO())
    assert Passage.objects.count() == MAX_PARAGRAPHS


def test_a_document_over_the_size_limit_is_refused(tmp_path):
    from statements.ingest.parse import MAX_DOCUMENT_BYTES

    doc = tmp_path / "huge.txt"
    line = "یہ ایک لمبی سطر ہے جس میں کوئی بات نہیں۔\n"
    doc.write_text("2020-01-01 - ملاقات\n\n" + line * (MAX_DOCUMENT_BYTES // len(line) + 10))
    with pytest.raises(CommandError, match="at most 2 MB"):
        call_command("ingest", str(doc))
    assert _counts() == (0, 0, 0, 0)
