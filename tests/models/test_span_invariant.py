"""The verbatim-span invariant (migration 0012): text == source.text[start:end] for every passage,
claim and claim subject, whatever writes them, checked by statement-level triggers that read
each source once."""

import pytest
from django.db import IntegrityError, transaction

from statements.models import Claim, Meeting, Passage, Source, Speaker

pytestmark = pytest.mark.django_db

# Urdu (two bytes a letter in UTF-8), a three-byte mark and a four-byte emoji: the triggers walk
# UTF-8 bytes, so every width must land on the same characters as Python's offsets.
TEXT = "۔".join(f"جملہ {i} میں 🙂 ایک بات ہے" for i in range(400)) + "۔"


@pytest.fixture
def meeting():
    source = Source.objects.create(text=TEXT, sha256="a" * 64, origin="span-test")
    return Meeting.objects.create(source=source, title="t", date="2020-01-01", slug="span-test")


def _passages(meeting, spans):
    return [
        Passage(meeting=meeting, position=i + 1, start=a, end=b, text=TEXT[a:b])
        for i, (a, b) in enumerate(spans)
    ]


def _spans(n=400):
    starts = [i for i, ch in enumerate(TEXT) if ch == "۔"][: n - 1]
    edges = [0, *(s + 1 for s in starts)]
    return [(a, b) for a, b in zip(edges, [*edges[1:], len(TEXT)], strict=True) if b > a]


def test_many_verbatim_passages_and_claims_are_accepted_in_one_statement(meeting):
    passages = Passage.objects.bulk_create(_passages(meeting, _spans()))
    speaker = Speaker.objects.create(name="کوئی", slug="someone")
    claims = [
        Claim(
            meeting=meeting, passage=p, speaker=speaker, start=p.start + 5, end=p.end - 1,
            text=TEXT[p.start + 5 : p.end - 1], attribution="test",
            subject_text=TEXT[p.start : p.start + 4], subject_start=p.start,
            subject_end=p.start + 4,
        )
        for p in passages
    ]  # fmt: skip
    Claim.objects.bulk_create(claims)
    assert Claim.objects.filter(meeting=meeting).count() == len(passages)


def test_one_wrong_row_among_hundreds_refuses_the_whole_statement(meeting):
    rows = _passages(meeting, _spans())
    rows[-3].text = rows[-3].text.replace("بات", "باب")
    with pytest.raises(IntegrityError, match="does not equal"), transaction.atomic():
        Passage.objects.bulk_create(rows)
    assert not Passage.objects.filter(meeting=meeting).exists()


def test_a_span_past_the_end_or_empty_is_refused(meeting):
    for start, end in ((len(TEXT) - 2, len(TEXT) + 1), (5, 5), (-1, 3)):
        row = Passage(meeting=meeting, position=1, start=max(start, 0), end=end, text="x")
        row.start = start
        with pytest.raises(IntegrityError), transaction.atomic():
            Passage.objects.bulk_create([row])


def test_an_update_that_moves_a_span_is_checked_and_one_that_does_not_is_not(meeting):
    (passage,) = Passage.objects.bulk_create(_passages(meeting, _spans()[10:11]))
    passage.start += 1
    with pytest.raises(IntegrityError, match="does not equal"), transaction.atomic():
        passage.save()
    passage.refresh_from_db()
    passage.text = TEXT[passage.start + 1 : passage.end]
    passage.start += 1
    passage.save()  # moved together with its text: accepted


def test_a_subject_that_is_not_the_source_text_is_refused(meeting):
    (passage,) = Passage.objects.bulk_create(_passages(meeting, _spans()[3:4]))
    speaker = Speaker.objects.create(name="کوئی", slug="someone")
    claim = Claim(
        meeting=meeting, passage=passage, speaker=speaker, start=passage.start,
        end=passage.end, text=passage.text, attribution="test", subject_text="غلط",
        subject_start=passage.start, subject_end=passage.start + 3,
    )  # fmt: skip
    with pytest.raises(IntegrityError, match="does not equal"), transaction.atomic():
        claim.save()


def test_a_claim_outside_its_passage_is_refused(meeting):
    first, second = Passage.objects.bulk_create(_passages(meeting, _spans()[:2]))
    speaker = Speaker.objects.create(name="کوئی", slug="someone")
    claim = Claim(
        meeting=meeting, passage=first, speaker=speaker, start=second.start,
        end=second.end, text=second.text, attribution="test",
    )  # fmt: skip
    with pytest.raises(IntegrityError, match="not inside its passage"), transaction.atomic():
        claim.save()
