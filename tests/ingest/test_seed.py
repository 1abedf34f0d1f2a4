"""The seed meeting, ingested: date, participants, and every claim checked sentence by sentence
against expectations written by reading the text."""

import datetime
import itertools

import pytest
from django.core.management import call_command

from statements.models import Claim, Meeting, Passage, Source, Topic

pytestmark = pytest.mark.django_db

K, P, A = "ali-khamenei", "vladimir-putin", "bashar-al-assad"

# (paragraph, speaker, kind, first words, review status, attribution) in reading order.
EXPECTED = [
    (1, K, "evaluation", "آج شام روس کے صدر", "extracted", "alias:participial-frame"),
    (1, K, "assertion", "خطے کے بارے میں امریکہ", "extracted", "alias:reported-speech"),
    (2, K, "evaluation", "اس ملاقات میں کہ جو", "extracted", "alias:participial-frame"),
    (2, K, "evaluation", "ایٹمی معاملے میں روس", "extracted", "alias:participial-frame"),
    (2, K, "assertion", "یہ مسئلہ ایک نتیجے", "extracted", "alias:reported-speech"),
    (
        3,
        K,
        "evaluation",
        "دوطرفہ تعلقات کو توسیع",
        "extracted",
        "honorific-continuation:participial-frame",
    ),
    (
        3,
        K,
        "assertion",
        "اقتصادی مسائل اور اس",
        "extracted",
        "honorific-continuation:reported-speech",
    ),
    (4, K, "evaluation", "سیاست اور امن و", "extracted", "alias:participial-frame"),
    (4, K, "assertion", "امریکی ہمیشہ یہ کوشش", "extracted", "alias:reported-speech"),
    (
        5,
        K,
        "evaluation",
        "شام کے سلسلے میں",
        "extracted",
        "honorific-continuation:participial-frame",
    ),
    (
        5,
        K,
        "assertion",
        "امریکہ اپنے طویل مدت",
        "extracted",
        "honorific-continuation:reported-speech",
    ),
    (6, K, "proposal", "امریکہ اور اسکے پٹھو", "extracted", "alias:reported-speech"),
    (7, K, "evaluation", "شام کے عوام کے", "extracted", "alias:participial-frame"),
    (7, K, "assertion", "شام کے صدر بشار", "extracted", "alias:reported-speech"),
    (8, K, "proposal", "شام کے بارے میں", "extracted", "alias:reported-speech"),
    (
        9,
        K,
        "evaluation",
        "داعش سمیت مختلف تکفیری",
        "extracted",
        "honorific-continuation:participial-frame",
    ),
    (
        9,
        K,
        "assertion",
        "دہشتگردوں کی مدد کرنے",
        "extracted",
        "honorific-continuation:reported-speech",
    ),
    (10, K, "commitment", "اسی وجہ سے ہم", "extracted", "alias:reported-speech"),
    (11, K, "evaluation", "شام کے مسئلے کے", "extracted", "alias:participial-frame"),
    (11, K, "assertion", "اگر دہشتگرد کہ جنہوں", "extracted", "alias:reported-speech"),
    (12, P, "evaluation", "رہبر انقلاب اسلامی کے", "extracted", "alias:participial-frame"),
    (12, P, "evaluation", "اس ملاقات پر خوشی", "extracted", "alias:participial-frame"),
    (12, P, "assertion", "روس اور ایران کے", "extracted", "alias:reported-speech"),
    (13, P, "evaluation", "اسلامی جمہوریہ کو ایک", "extracted", "alias:participial-frame"),
    (13, P, "assertion", "ہم آپ کو خطے", "extracted", "alias:reported-speech"),
    (14, P, "commitment", "ہم اس بات کے", "extracted", "alias:reported-speech"),
    (15, P, "evaluation", "شام کے بارے میں", "extracted", "alias:participial-frame"),
    (15, P, "evaluation", "اس سلسلے میں کئے", "extracted", "alias:participial-frame"),
    (15, P, "assertion", "ہم بھی اس بات", "extracted", "alias:reported-speech"),
    # "شام کے صدر نے ...": the source names Syria's president, who was not at the meeting.
    (16, A, "assertion", "جس طرح آپ نے", "needs_review", "alias:reported-speech"),
    (17, P, "evaluation", "شام میں موجود دہشتگردوں", "extracted", "alias:participial-frame"),
    (17, P, "evaluation", "شام کے بحران کے", "extracted", "alias:participial-frame"),
    (17, P, "assertion", "جو لوگ دنیا میں", "extracted", "alias:reported-speech"),
]


def _claims(meeting):
    return list(meeting.claims.select_related("speaker", "passage").order_by("start"))


def test_seed_meeting_date_title_participants_and_duration(seeded):
    assert seeded.date == datetime.date(2015, 11, 24)
    assert seeded.title == "رہبر انقلاب اسلامی سے روس کے صدر ولادیمیر پیوٹن کی ملاقات"
    assert sorted(seeded.participants.values_list("slug", flat=True)) == [K, P]
    assert seeded.duration_minutes == 120
    assert seeded.duration_text == "تقریبا دو گھنٹے جاری رہی"
    assert seeded.status == Meeting.Status.PUBLISHED and seeded.published_at is not None
    assert seeded.source.origin == "000_6e83539992437108.txt"


def test_seed_source_is_verbatim(seeded, seed_bytes):
    import hashlib

    assert seeded.source.text.encode("utf-8") == seed_bytes
    assert seeded.source.sha256 == hashlib.sha256(seed_bytes).hexdigest()


@pytest.mark.parametrize("index", range(len(EXPECTED)))
def test_seed_claim_matches_reading(seeded, index):
    claims = _claims(seeded)
    assert len(claims) == len(EXPECTED)
    paragraph, speaker, kind, first_words, status, attribution = EXPECTED[index]
    claim = claims[index]
    assert claim.passage.position == paragraph
    assert claim.speaker.slug == speaker
    assert claim.kind == kind
    assert " ".join(claim.text.split()).startswith(first_words)
    assert claim.review_status == status
    assert claim.attribution == attribution


def test_claims_end_at_the_sentence_end_without_the_full_stop(seeded):
    for claim in _claims(seeded):
        assert not claim.text.endswith("۔")
        assert claim.text == claim.text.strip()
    last = _claims(seeded)[-1]
    assert last.text.endswith("انتخابات کی مخالفت نہیں کرسکتے")


def test_reporting_phrases(seeded):
    phrases = [c.reporting_phrase for c in _claims(seeded)]
    assert phrases[0] == "تعریف کرتے ہوئے"
    assert phrases[1] == "فرمایا"
    assert phrases[11] == "تاکید کرتے ہوئے فرمایا"  # a frame with no content of its own
    assert phrases[29] == "تاکید کرتے ہوئے کہا"


def test_quotation_inside_a_claim_stays_inside_it(seeded):
    claim = _claims(seeded)[29]
    # "جس طرح آپ نے فرمایا کہ امریکی چاہتے ہیں کہ ...": one claim, the quotation included
    assert "آپ نے فرمایا کہ امریکی چاہتے ہیں" in " ".join(claim.text.split())
    assert claim.text.endswith("پوری طرح چوکنا ہیں")


def test_needs_review_says_why(seeded):
    flagged = Claim.objects.filter(meeting=seeded, review_status="needs_review")
    assert flagged.count() == sum(row[4] == "needs_review" for row in EXPECTED)
    note = flagged.get().review_note
    assert "not a participant" in note and "شام کے صدر" in note


def test_narrative_sentences_are_passages_not_claims(seeded):
    last = seeded.passages.order_by("-position").first()
    assert "تحفے کے طور پر" in last.text and "شکریہ ادا کیا" in last.text
    assert not last.claims.exists()
    # every paragraph that holds claims (EXPECTED), and this closing narrative one
    assert seeded.passages.count() == len({row[0] for row in EXPECTED}) + 1


def test_every_span_is_verbatim(seeded):
    text = seeded.source.text
    for item in [*Passage.objects.filter(meeting=seeded), *Claim.objects.filter(meeting=seeded)]:
        assert text[item.start : item.end] == item.text
        assert item.text == item.text.strip()


def test_passages_rebuild_paragraphs_across_broken_lines(seeded):
    first = seeded.passages.get(position=1)
    assert first.text.startswith("رہبر انقلاب اسلامی حضرت آیت اللہ خامنہ ای نے آج شام")
    assert first.text.endswith("ناکام بنایا جاسکتا\n\nہے۔")  # a blank line inside the sentence
    positions = list(seeded.passages.values_list("start", "end"))
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(positions))


def test_evening_is_not_syria(seeded):
    syria = Topic.objects.get(slug="syria")
    first = _claims(seeded)[0]  # "آج شام ..." (this evening) ... "شام کے معاملے میں" (Syria)
    assert syria in first.topics.all()
    # the same words without the Syria sense: only "this evening"
    from statements.ingest.service import load_alias_index
    from statements.urdu import words

    index = load_alias_index()
    assert syria.id not in index.topics(words("رہبر نے آج شام روس کے صدر سے ملاقات کی"))
    assert syria.id in index.topics(words("شام کے عوام"))
    assert syria.id not in index.topics(words("اتوار کی شام ملاقات ہوئی"))


def test_topics_of_claims(seeded):
    claims = _claims(seeded)
    assert set(claims[15].topics.values_list("slug", flat=True)) >= {
        "isis",
        "terrorism",
        "united-states",
    }
    assert "bashar-al-assad" in claims[12].topics.values_list("slug", flat=True)


def test_ingest_is_idempotent(seeded, seed_bytes):
    counts = (
        Source.objects.count(),
        Meeting.objects.count(),
        Passage.objects.count(),
        Claim.objects.count(),
    )
    call_command("ingest", str(seeded.source.origin and __import__("tests.conftest").conftest.SEED))
    assert (
        Source.objects.count(),
        Meeting.objects.count(),
        Passage.objects.count(),
        Claim.objects.count(),
    ) == counts


def test_draft_flag_leaves_meeting_unpublished(db, tmp_path, seed_bytes):
    path = tmp_path / "copy.txt"
    path.write_bytes(seed_bytes)
    call_command("ingest", str(path), "--draft")
    assert Meeting.objects.get().status == Meeting.Status.DRAFT
    assert not Claim.objects.public().exists()
