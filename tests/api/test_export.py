"""The whole-archive export: command and endpoint send the same bytes, only public rows, a
document that matches its published schema, and a lossless round trip through an empty
database."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import StreamingHttpResponse

from statements.api import export
from statements.api.schemas import ExportDocument
from statements.models import Alias, Claim, Meeting, Passage, Source, Speaker, Topic
from tests.api.conftest import PUBLIC_CLAIMS

pytestmark = pytest.mark.django_db
MOMENT = "2026-01-02T03:04:05Z"
GENERATED_AT = re.compile(rb'"generated_at":"[^"]*"')


def run_export(tmp_path, fmt="json", name=None) -> bytes:
    path = tmp_path / (name or f"archive.{fmt}")
    err = io.StringIO()
    call_command("export", "--format", fmt, "-o", str(path), "--generated-at", MOMENT, stderr=err)
    return path.read_bytes()


def fetch(client, fmt="json") -> bytes:
    response = client.get(f"/api/v1/export?format={fmt}")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == export.CONTENT_TYPES[fmt]
    assert response["Access-Control-Allow-Origin"] == "*"
    return b"".join(response.streaming_content)


def wipe_archive():
    """What a freshly migrated database holds: no meetings, sources, passages or claims."""
    Meeting.objects.all().delete()
    Source.objects.all().delete()


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_command_and_endpoint_write_the_same_bytes(client, archive, tmp_path, fmt):
    from_command = run_export(tmp_path, fmt)
    from_endpoint = fetch(client, fmt)
    stamp = f'"generated_at":"{MOMENT}"'.encode()
    assert GENERATED_AT.sub(stamp, from_endpoint) == from_command


def test_export_holds_only_the_public_archive(archive, tmp_path):
    published, draft, rejected = archive
    document = json.loads(run_export(tmp_path))
    assert document["format"] == "diplomatic-statements-archive" and document["version"] == 1
    assert document["generated_at"] == MOMENT and document["description"]
    assert [m["id"] for m in document["meetings"]] == [published.pk]
    claims = document["meetings"][0]["claims"]
    assert rejected.pk not in [c["id"] for c in claims]
    assert len(claims) == Claim.objects.public().count() == PUBLIC_CLAIMS
    speakers = {s["id"] for s in document["speakers"]}
    assert not Speaker.objects.filter(claims__meeting=draft, is_provisional=True, pk__in=speakers)
    assert document["counts"] == {
        "speakers": len(document["speakers"]),
        "topics": Topic.objects.count(),
        "meetings": 1,
        "passages": 18,
        "claims": 32,
    }


def test_export_is_self_consistent_and_matches_its_schema(archive, tmp_path):
    document = json.loads(run_export(tmp_path))
    ExportDocument.model_validate(document)  # the schema /api/v1/openapi.json publishes
    speakers = {s["id"] for s in document["speakers"]}
    topics = {t["id"] for t in document["topics"]}
    for meeting in document["meetings"]:
        text = meeting["source"]["text"]
        passages = {p["id"] for p in meeting["passages"]}
        for item in meeting["passages"] + meeting["claims"]:
            assert text[item["start"] : item["end"]] == item["text"]
        for claim in meeting["claims"]:
            assert claim["speaker"] in speakers and claim["passage"] in passages
            assert set(claim["topics"]) <= topics
        assert {p["speaker"] for p in meeting["participants"]} <= speakers
    putin = next(s for s in document["speakers"] if s["slug"] == "vladimir-putin")
    assert any(a["text"] == "صدر پیوٹن" and a["language"] == "ur" for a in putin["aliases"])


def test_ndjson_is_one_object_a_line_with_a_closing_count(archive, tmp_path):
    lines = run_export(tmp_path, "ndjson").decode().splitlines()
    objects = [json.loads(line) for line in lines]
    assert objects[0]["type"] == "archive" and objects[0]["version"] == 1
    kinds = [o["type"] for o in objects]
    assert kinds[0] == "archive" and kinds[-1] == "end"
    middle = kinds[1:-1]
    assert middle == sorted(middle, key=["speaker", "topic", "meeting"].index)
    assert objects[-1]["counts"]["claims"] == PUBLIC_CLAIMS
    document = json.loads(run_export(tmp_path, "json", name="again.json"))
    meeting = next(o for o in objects if o["type"] == "meeting")
    assert meeting["claims"] == document["meetings"][0]["claims"]


def test_progress_bar_goes_to_stderr(archive, tmp_path):
    err = io.StringIO()
    call_command("export", "-o", str(tmp_path / "a.json"), stderr=err)
    assert f"{PUBLIC_CLAIMS}/{PUBLIC_CLAIMS} claims" in err.getvalue()


def test_export_into_a_pipe_writes_through_it_and_leaves_it_a_pipe(archive, tmp_path):
    """-o /dev/null or a named pipe: written to, never replaced by a regular file (the atomic
    rename of regular files once turned /dev/null into a file)."""
    import os
    import stat
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    call_command("export", "--no-progress", "-o", str(pipe))
    reader.join(timeout=30)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert json.loads(received[0])["counts"]["claims"] == PUBLIC_CLAIMS
    assert not list(tmp_path.glob(".pipe*"))


def test_export_to_stdout(archive):
    out = io.StringIO()
    call_command("export", "--no-progress", "--generated-at", MOMENT, stdout=out)
    assert json.loads(out.getvalue())["counts"]["claims"] == PUBLIC_CLAIMS


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_round_trip_into_an_empty_database_gives_the_same_document(archive, tmp_path, fmt):
    first = run_export(tmp_path, fmt, name=f"first.{fmt}")
    wipe_archive()
    out = io.StringIO()
    call_command("ingest", "--from-export", str(tmp_path / f"first.{fmt}"), stdout=out)
    assert f"{PUBLIC_CLAIMS} claims" in out.getvalue()
    second = run_export(tmp_path, fmt, name=f"second.{fmt}")
    assert second == first
    # and the loaded archive is a working one: its search vectors were generated
    assert Claim.objects.public().filter(search_vector="شام").exists()
    # and its claims carry their loaded tags as topic_ids (migration 0009), which search reads
    assert Claim.objects.exclude(topic_ids=[]).exists()
    for claim in Claim.objects.prefetch_related("topics"):
        assert claim.topic_ids == sorted(t.pk for t in claim.topics.all()), claim.pk
    meeting = Meeting.objects.get()
    assert meeting.is_published and meeting.source.text[:5]


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_round_trip_keeps_subjects_confidences_and_groups(archive, tmp_path, fmt):
    """A joint statement's group speaker keeps its members, and claims their subject as named
    and their confidence, through an export and a load."""
    joint = tmp_path / "joint.txt"
    joint.write_text(
        "2019 /Apr/ 28 - وزیر اعظم علی احمد کی کینیڈین صدر جان سمتھ سے ملاقات\n\n"
        "مشترکہ بیان میں کہا گیا کہ تعاون بڑھے گا۔ ترجمان نے کہا کہ وفد آئے گا۔\n",
        encoding="utf-8",
    )
    call_command("ingest", str(joint), stdout=io.StringIO())
    claims = list(Claim.objects.filter(meeting__source__origin=joint.name).order_by("start"))
    before = [(c.pk, c.subject_text, c.subject_start, c.confidence) for c in claims]
    group = claims[0].speaker
    members = sorted(group.members.values_list("pk", flat=True))
    first = run_export(tmp_path, fmt, name=f"first.{fmt}")
    wipe_archive()
    Speaker.objects.all().delete()
    call_command("ingest", "--from-export", str(tmp_path / f"first.{fmt}"), stdout=io.StringIO())
    assert run_export(tmp_path, fmt, name=f"second.{fmt}") == first
    claims = Claim.objects.filter(pk__in=[b[0] for b in before]).order_by("start")
    assert [(c.pk, c.subject_text, c.subject_start, c.confidence) for c in claims] == before
    loaded = Speaker.objects.get(pk=group.pk)
    assert loaded.kind == "group" and sorted(loaded.members.values_list("pk", flat=True)) == members


def test_round_trip_keeps_each_sources_report(archive, tmp_path):
    published = archive[0]
    Source.objects.filter(pk=published.source.pk).update(
        url="https://example.org/report", original_language="fa"
    )
    first = run_export(tmp_path, name="first.json")
    meeting = json.loads(first)["meetings"][0]
    assert meeting["source"]["publisher_en"].startswith("Office of the Leader")
    assert meeting["source"]["published_on"] == "2015-11-24"
    wipe_archive()
    call_command("ingest", "--from-export", str(tmp_path / "first.json"), stdout=io.StringIO())
    assert run_export(tmp_path, name="second.json") == first
    source = Source.objects.get()
    assert (source.url, source.original_language) == ("https://example.org/report", "fa")


def test_an_export_from_before_sources_had_publishers_still_loads(archive, tmp_path):
    document = json.loads(run_export(tmp_path))
    for meeting in document["meetings"]:
        for name in ("publisher", "publisher_en", "url", "published_on", "original_language"):
            del meeting["source"][name]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    wipe_archive()
    call_command("ingest", "--from-export", str(older), stdout=io.StringIO())
    source = Source.objects.get()
    assert (source.publisher, source.url, source.published_on) == ("", "", None)


def test_import_keeps_ids_and_sequences_continue_after_them(archive, tmp_path):
    run_export(tmp_path)
    ids = set(Claim.objects.public().values_list("pk", flat=True))
    wipe_archive()
    call_command("ingest", "--from-export", str(tmp_path / "archive.json"), stdout=io.StringIO())
    assert set(Claim.objects.values_list("pk", flat=True)) == ids
    speaker = Speaker.objects.create(name="نیا", slug="new-speaker")
    assert speaker.pk > max(Speaker.objects.exclude(pk=speaker.pk).values_list("pk", flat=True))


def counts():
    models = (Source, Meeting, Passage, Claim, Speaker, Topic, Alias)
    return [m.objects.count() for m in models]


def test_import_refuses_a_database_that_is_not_empty(archive, tmp_path):
    run_export(tmp_path)
    before = counts()
    with pytest.raises(CommandError, match="not empty"):
        call_command("ingest", "--from-export", str(tmp_path / "archive.json"))
    assert counts() == before


def tamper_claim_text(data: bytes) -> bytes:
    """Reverse the first claim's text: it no longer equals source.text[start:end]."""
    if data.startswith(b'{"type"'):
        lines = [json.loads(line) for line in data.splitlines()]
        meeting = next(o for o in lines if o["type"] == "meeting")
        meeting["claims"][0]["text"] = meeting["claims"][0]["text"][::-1]
        return b"\n".join(json.dumps(o, ensure_ascii=False).encode() for o in lines)
    document = json.loads(data)
    claim = document["meetings"][0]["claims"][0]
    claim["text"] = claim["text"][::-1]
    return json.dumps(document, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: b"not json at all", "not JSON"),
        (lambda data: data.replace(b'"version":1', b'"version":99', 1), "version 99"),
        (lambda data: data.replace(b'"format":"diplomatic', b'"format":"other', 1), "format"),
        (lambda data: b"\n".join(data.split(b"\n")[:-2]) + b"\n", "incomplete|not JSON"),
        (lambda data: data.replace(b'"start":', b'"begin":', 1), "malformed field"),
        (tamper_claim_text, "refused"),
        (lambda data: "é".encode("latin-1"), "UTF-8"),
    ],
)
def test_a_bad_export_file_is_refused_and_changes_nothing(archive, tmp_path, damage, message):
    good = {fmt: run_export(tmp_path, fmt) for fmt in ("json", "ndjson")}
    wipe_archive()
    before = counts()
    for fmt, data in good.items():
        bad = tmp_path / f"bad.{fmt}"
        bad.write_bytes(damage(data))
        with pytest.raises(CommandError, match=message):
            call_command("ingest", "--from-export", str(bad), stdout=io.StringIO())
        assert counts() == before


def test_import_of_a_missing_file_is_one_line(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("ingest", "--from-export", str(tmp_path / "nothing.json"))


def test_conditional_export_answers_304_until_the_archive_changes(client, archive):
    first = client.get("/api/v1/export")
    b"".join(first.streaming_content)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('W/"') and modified
    again = client.get("/api/v1/export", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    claim = Claim.objects.public().first()
    claim.review_status = Claim.ReviewStatus.ACCEPTED
    claim.save()
    changed = client.get("/api/v1/export", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    b"".join(changed.streaming_content)
    # a source's report corrected by an editor is a change of the export too
    Source.objects.filter(meeting=claim.meeting).update(url="https://example.org/corrected")
    corrected = client.get("/api/v1/export", HTTP_IF_NONE_MATCH=changed["ETag"])
    assert corrected.status_code == 200
    b"".join(corrected.streaming_content)
    ndjson = client.get("/api/v1/export?format=ndjson", HTTP_IF_NONE_MATCH=changed["ETag"])
    assert ndjson.status_code == 200  # another representation, another tag
    b"".join(ndjson.streaming_content)


def test_unknown_export_format_is_400(client, archive):
    response = client.get("/api/v1/export?format=xml")
    assert response.status_code == 400
    assert json.loads(response.content)["field"] == "format"


def test_export_command_refuses_a_bad_generated_at(archive, tmp_path):
    with pytest.raises(CommandError, match="generated-at"):
        call_command("export", "-o", str(tmp_path / "x.json"), "--generated-at", "yesterday")
    assert not (tmp_path / "x.json").exists()


def test_database_written_json_matches_the_rows_exactly(archive, tmp_path):
    """Claims and passages are written as JSON by PostgreSQL (row_to_json): characters that
    JSON must escape come back exactly, and a meeting without claims has empty lists."""
    quoted = tmp_path / "quoted.txt"
    quoted.write_text(
        '2016 /Jan/ 5 - "اقتباس" \\ ٹیسٹ\n\nصدر پیوٹن نے کہا کہ "ایران"\tاور روس \\ ایک ساتھ ہیں۔\n',
        encoding="utf-8",
    )
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("2016 /Feb/ 6 - خاموش ملاقات\n\nملاقات تہران میں ہوئی۔\n", encoding="utf-8")
    for path in (quoted, quiet):
        call_command("ingest", str(path), stdout=io.StringIO())
    claim = Claim.objects.get(meeting__source__origin=quoted.name)
    claim.translation_en = 'He said "Iran"\\\n\u2028</script>\x01'
    claim.editor_note = "\ttab\r\n"
    claim.save()

    document = json.loads(run_export(tmp_path))
    by_id = {m["id"]: m for m in document["meetings"]}
    written = next(c for m in by_id.values() for c in m["claims"] if c["id"] == claim.pk)
    assert written["text"] == claim.text and '"' in written["text"] and "\\" in written["text"]
    assert written["translation_en"] == claim.translation_en
    assert written["editor_note"] == claim.editor_note
    assert written["topics"] == sorted(claim.topics.values_list("pk", flat=True))
    empty = by_id[Meeting.objects.get(source__origin=quiet.name).pk]
    assert empty["claims"] == [] and len(empty["passages"]) == 1
    assert document["counts"]["claims"] == Claim.objects.public().count()
    assert document["counts"]["passages"] == sum(len(m["passages"]) for m in by_id.values())


@pytest.mark.django_db(transaction=True)
def test_an_export_abandoned_midway_leaves_the_connection_usable(archive, monkeypatch):
    """A client that disconnects closes the stream inside the streamed query: the query is
    cancelled, the snapshot transaction rolled back, and the connection serves the next one."""
    from django.db import connection

    monkeypatch.setattr(export, "FLUSH_BYTES", 1)  # every piece is a chunk of its own
    stream = export.stream("ndjson")
    while not next(stream).startswith(b'{"type":"meeting"'):
        pass
    assert connection.in_atomic_block  # inside the export's snapshot, mid-query
    stream.close()
    assert not connection.in_atomic_block
    assert Claim.objects.public().count() == PUBLIC_CLAIMS
