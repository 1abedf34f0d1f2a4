"""Who a claim's speaker is: the subject as named, continuations, offices, statements, groups
and unnamed officials, on short documents written for each rule."""

import datetime

import pytest

from statements.ingest.service import ingest_document
from statements.models import Claim, Speaker

pytestmark = pytest.mark.django_db


def _ingest(body, title="2019 /Apr/ 28 - خبر"):
    result = ingest_document(
        f"{title}\n\n{body}".encode(),
        origin="test.txt",
        publish=True,
        date=datetime.date(2019, 4, 28),  # an editor's date when the title has none
    )
    return list(result.meeting.claims.select_related("speaker").order_by("start")), result


def _speakers(claims):
    return [(c.speaker.name, c.subject_text, c.attribution.split(":")[0]) for c in claims]


def test_a_continuation_goes_to_the_last_speaker_not_the_last_name_mentioned():
    claims, _ = _ingest(
        "کینیڈا کے وزیر خارجہ علی احمد نے کہا کہ جاپانی وزیر اعظم نے تجارت بڑھانے کی پیشکش کی ہے۔ "
        "انہوں نے کہا کہ کینیڈا اسے سراہتا ہے۔\n"
    )
    assert _speakers(claims) == [
        ("علی احمد", "کینیڈا کے وزیر خارجہ علی احمد", "name"),
        ("علی احمد", "انہوں", "honorific-continuation"),
    ]
    assert claims[0].speaker == claims[1].speaker


def test_an_office_alone_is_the_person_the_report_named_with_it():
    claims, _ = _ingest(
        "ترجمان دفتر خارجہ علی احمد نے کہا کہ مذاکرات جاری ہیں۔\n"
        "کینیڈا کے وزیر خارجہ جان سمتھ نے کہا کہ تجارت بڑھے گی۔\n"
        "ترجمان نے کہا کہ سرحد کھلی رہے گی۔\n"
    )
    assert [c.speaker.name for c in claims] == ["علی احمد", "جان سمتھ", "علی احمد"]
    assert claims[2].attribution == "office-holder:reported-speech"
    assert claims[2].subject_text == "ترجمان"


def test_an_office_named_with_fewer_words_is_the_same_office():
    claims, _ = _ingest(
        "جاپان کے مستقل مندوب کینجی ہیرو نے کہا کہ مذاکرات ہوں۔ "
        "کینیڈا کے سفیر جان سمتھ نے کہا کہ امن ہو۔ جاپانی مندوب نے کہا کہ فیصلہ ہو۔\n"
    )
    assert [c.speaker.name for c in claims] == ["کینجی ہیرو", "جان سمتھ", "کینجی ہیرو"]


def test_a_bare_office_prefers_the_current_speaker_then_the_person_with_exactly_that_office():
    claims, _ = _ingest(
        "وزیر خارجہ علی احمد نے کینیڈا کے وزیر خارجہ جان سمتھ سے ملاقات کی۔\n"
        "وزیر خارجہ نے کہا کہ تعلقات اچھے ہیں۔\n"
        "جان سمتھ نے کہا کہ تجارت بڑھے گی۔ کینیڈا کے وزیر خارجہ نے کہا کہ وفد آئے گا۔\n"
    )
    assert [c.speaker.name for c in claims] == ["علی احمد", "جان سمتھ", "جان سمتھ"]


def test_a_pronoun_with_no_speaker_yet_is_the_person_the_narrative_named_less_surely():
    claims, _ = _ingest(
        "وزیر خارجہ علی احمد منگل کو لندن روانہ ہو گئے۔ روانگی سے قبل انہوں نے کہا کہ دورہ اہم ہے۔\n"
    )
    assert _speakers(claims) == [("علی احمد", "انہوں", "continuation-of-mention")]
    assert claims[0].confidence == 0.6


def test_the_honorific_pronoun_continues_the_last_speaker_reported_with_farmaya():
    claims, _ = _ingest(
        "رہبر انقلاب اسلامی نے فرمایا کہ امت متحد رہے۔ "
        "مہمان صدر علی احمد نے کہا کہ تعاون بڑھے گا۔ "
        "آپ نے فرمایا کہ دشمن پر اعتماد نہ کیا جائے۔\n"
    )
    assert [c.speaker.slug for c in claims][::2] == ["ali-khamenei", "ali-khamenei"]


def test_an_alias_is_found_without_the_modifiers_and_honorifics_of_the_subject():
    claims, _ = _ingest("رہبر معظم انقلاب اسلامی نے فرمایا کہ امت متحد رہے۔\n")
    assert (claims[0].speaker.slug, claims[0].attribution) == (
        "ali-khamenei",
        "alias:reported-speech",
    )


def test_the_speaker_named_after_the_content_and_in_the_sentence_before():
    claims, _ = _ingest(
        "تجارت بڑھے گی، یہ بات وزیر تجارت علی احمد نے لاہور میں کہی۔\n"
        "سرحدی منڈیاں کھلیں گی۔ یہ بات سفیر جان سمتھ نے کہی۔\n"
    )
    assert [(c.text, c.speaker.name, c.attribution) for c in claims] == [
        ("تجارت بڑھے گی", "علی احمد", "name:speaker-after"),
        ("سرحدی منڈیاں کھلیں گی", "جان سمتھ", "name:speaker-after"),
    ]


def test_a_joint_statement_speaks_for_the_participants_jointly():
    claims, result = _ingest(
        "دونوں ممالک نے مشترکہ بیان جاری کیا۔ مشترکہ بیان میں کہا گیا کہ تعاون بڑھے گا۔ "
        "بیان کے مطابق تجارت دگنی ہو گی۔ دونوں رہنماؤں نے کہا کہ امن ضروری ہے۔\n",
        title="2019 /Apr/ 28 - وزیر اعظم علی احمد کی کینیڈین صدر جان سمتھ سے ملاقات",
    )
    group = claims[0].speaker
    assert group.kind == "group" and all(c.speaker == group for c in claims)
    assert set(group.members.all()) == set(result.meeting.participants.all())
    assert sorted(group.members.values_list("name", flat=True)) == ["جان سمتھ", "علی احمد"]
    assert [c.attribution for c in claims] == [
        "participants:passive-statement", "participants:according-to", "participants:reported-speech",
    ]  # fmt: skip


def test_a_statement_speaks_for_its_issuer():
    claims, _ = _ingest(
        "وزارت خارجہ نے واقعے پر بیان جاری کیا۔ بیان میں کہا گیا کہ تحقیقات ہوں گی۔\n"
        "وزیراعظم ہاؤس سے جاری بیان کے مطابق کابینہ کا اجلاس کل ہوگا۔\n"
    )
    assert [(c.speaker.name, c.speaker.kind, c.subject_text) for c in claims] == [
        ("وزارت خارجہ", "organisation", "بیان"),
        ("وزیراعظم ہاؤس", "organisation", "وزیراعظم ہاؤس"),
    ]


def test_unnamed_officials_and_news_agencies():
    claims, _ = _ingest(
        "سفارتی ذرائع کے مطابق اجلاس ملتوی ہو گیا ہے۔ رائٹرز کے مطابق شہر میں کاروبار بند رہا۔ "
        "کابل سے موصولہ اطلاعات کے مطابق پروازیں بحال ہو گئیں۔\n"
    )
    (claim,) = claims  # an agency names the report's source, not a speaker
    assert (claim.speaker.name, claim.speaker.kind) == ("سفارتی ذرائع", "group")
    assert not claim.speaker.members.exists()
    assert claim.review_status == "needs_review" and "anonymous" in claim.review_note


def test_a_provisional_speaker_is_the_bare_name_without_adverbials_datelines_or_agencies():
    claims, _ = _ingest(
        "لاہور (نامہ نگار) اے پی پی کے مطابق دوسری جانب وزیر تجارت علی احمد نے کہا کہ تجارت بڑھے گی۔\n"
    )
    speaker = claims[0].speaker
    assert (speaker.name, speaker.role, speaker.is_provisional) == ("علی احمد", "وزیر تجارت", True)
    assert claims[0].subject_text == "وزیر تجارت علی احمد"


def test_every_claim_keeps_its_subject_verbatim_at_its_own_offsets_and_a_confidence():
    claims, result = _ingest(
        "اس موقع پر وزیر  تجارت علی احمد نے کہا کہ تجارت بڑھے گی۔ انہوں نے کہا کہ امن ہے۔\n"
    )
    text = result.meeting.source.text
    for claim in claims:
        assert text[claim.subject_start : claim.subject_end] == claim.subject_text
        assert 0 < claim.confidence <= 1
    assert [c.subject_text for c in claims] == ["وزیر  تجارت علی احمد", "انہوں"]


def test_the_database_refuses_a_subject_that_is_not_the_source_text():
    from django.db import IntegrityError, transaction

    claims, _ = _ingest("وزیر نے کہا کہ امن ہے۔\n")
    claim = claims[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(subject_text="سفیر")


def test_a_headline_claim_is_saved_in_the_title_passage():
    claims, result = _ingest(
        "لاہور (نامہ نگار) وزیر خارجہ علی احمد نے کہا کہ امن ضروری ہے۔\n",
        title="علی احمد: امن ضروری ہے",
    )
    first = claims[0]
    assert (first.text, first.speaker.name, first.attribution, first.passage.position) == (
        "امن ضروری ہے", "علی احمد", "name:headline", 1,
    )  # fmt: skip
    assert result.meeting.passages.count() == 2


def test_a_headline_whose_head_is_no_speaker_is_no_claim():
    claims, _ = _ingest(
        "لاہور (نامہ نگار) وزیر خارجہ علی احمد نے کہا کہ امن ضروری ہے۔\n",
        title="تجارتی معاہدہ: دونوں ملک متفق",
    )
    assert [c.attribution for c in claims] == ["name:reported-speech"]


def test_a_group_record_is_shared_by_the_same_participants():
    title = "2019 /Apr/ 28 - وزیر اعظم علی احمد کی کینیڈین صدر جان سمتھ سے ملاقات"
    _ingest("دونوں رہنماؤں نے کہا کہ امن ضروری ہے۔\n", title=title)
    ingest_document(
        f"{title} دوبارہ\n\nدونوں رہنماؤں نے کہا کہ تجارت بڑھے گی۔\n".encode(),
        origin="b.txt",
        publish=True,
    )
    assert Speaker.objects.filter(kind="group").count() == 1


def test_an_interview_in_questions_and_answers_gives_the_answers_to_the_interviewee():
    claims, _ = _ingest(
        "سوال: تعلقات کیسے ہیں؟\n\nجواب: تعلقات بہت اچھے ہیں۔ تجارت بڑھے گی۔\n",
        title="امریکی سفیر علی احمد کا خصوصی انٹرویو",
    )
    assert [(c.text, c.speaker.name, c.attribution) for c in claims] == [
        ("تعلقات بہت اچھے ہیں", "علی احمد", "name:interview-answer"),
        ("تجارت بڑھے گی", "علی احمد", "name:interview-answer"),
    ]


def test_a_headline_quotation_with_its_speaker_after_it():
    claims, _ = _ingest(
        "«امن ضروری ہے»: علی احمد\nلاہور (نامہ نگار) وزیر خارجہ علی احمد نے کہا کہ امن ہے۔\n"
    )
    first = claims[0]
    assert (first.text, first.speaker.name, first.attribution) == (
        "امن ضروری ہے", "علی احمد", "name:headline",
    )  # fmt: skip
