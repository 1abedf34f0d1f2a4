"""The extractor on documents other than the seed: rules, not sentences."""

import datetime

import pytest

from statements.ingest.extract import participants
from statements.ingest.parse import parse_document
from statements.ingest.service import ingest_document, load_alias_index
from statements.models import Claim, Participation, Speaker

pytestmark = pytest.mark.django_db

OTHER_MEETING = """2016 /Jan/ 23 - رہبر انقلاب اسلامی سے چین کے صدر شی جن پنگ کی ملاقات

رہبر انقلاب اسلامی نے آج چین کے صدر شی جن پنگ سے ملاقات میں فرمایا کہ ایران اور چین کے
تعلقات کو مزید فروغ دیا جانا چاہیے۔
چین کے صدر نے علاقائی امن پر زور دیتے ہوئے کہا ہے کہ ہم ایران کے ساتھ
اقتصادی تعاون میں اضافہ کریں گے۔
انہوں نے مزید کہا کہ دونوں ممالک کے عوام کے درمیان قدیم رشتے ہیں۔
وزیر خارجہ نے کہا کہ مذاکرات مثبت رہے۔
اس موقع پر دونوں رہنماؤں نے تحائف کا تبادلہ کیا۔
"""


def _ingest(text, **kwargs):
    return ingest_document(text.encode(), origin="test.txt", publish=True, **kwargs)


def _claims(result):
    return list(result.meeting.claims.select_related("speaker").order_by("start"))


def test_unknown_participant_from_the_title_becomes_a_provisional_speaker():
    result = _ingest(OTHER_MEETING)
    xi = Speaker.objects.get(name="شی جن پنگ")  # the name alone: the title goes to the role
    assert xi.is_provisional
    assert (xi.role, xi.country) == ("چین کے صدر", "CN")
    assert result.meeting.participation_set.get(speaker=xi).role == "چین کے صدر"
    assert set(result.meeting.participants.all()) == {xi, Speaker.objects.get(slug="ali-khamenei")}
    claims = _claims(result)
    assert [c.speaker for c in claims[1:4]] == [xi, xi, xi]
    # "چین کے صدر" is the start of the title's "چین کے صدر شی جن پنگ"
    assert claims[1].attribution == "participant-name:participial-frame"
    assert claims[3].attribution == "honorific-continuation:reported-speech"  # انہوں نے
    assert all(c.review_status == "needs_review" for c in claims[1:4])
    assert "provisional" in claims[1].review_note


def test_known_speaker_claims_are_extracted_and_kinds_follow_the_ending():
    claims = _claims(_ingest(OTHER_MEETING))
    assert claims[0].speaker.slug == "ali-khamenei"
    assert claims[0].review_status == "extracted"
    assert claims[0].kind == "proposal"  # "... دیا جانا چاہیے" (ought to)
    assert claims[2].kind == "commitment"  # "ہم ... کریں گے" (we will)
    assert claims[2].reporting_phrase == "کہا ہے"  # auxiliary between verb and کہ


def test_an_office_no_one_in_the_report_holds_is_kept_and_flagged():
    claims = _claims(_ingest(OTHER_MEETING))
    minister = claims[4]
    assert minister.text == "مذاکرات مثبت رہے"
    assert minister.attribution == "office:reported-speech"
    assert minister.review_status == "needs_review"
    # a role with no country, that nobody held in the participants' countries that day: the
    # unidentified speaker, never a speaker named after the role
    assert "is a role" in minister.review_note and "وزیر خارجہ" in minister.review_note
    assert minister.speaker.slug == "unidentified"
    assert not Speaker.objects.filter(name="وزیر خارجہ").exists()
    source = minister.meeting.source.text
    assert minister.subject_text == "وزیر خارجہ"
    assert source[minister.subject_start : minister.subject_end] == "وزیر خارجہ"


def test_an_unknown_name_gets_a_provisional_speaker_with_its_alias():
    claims = _claims(_ingest("2016 /Feb/ 2 - خبر\n\nوزیر خارجہ احمد علی نے کہا کہ امن ضروری ہے۔\n"))
    speaker = claims[0].speaker
    assert (speaker.name, speaker.role, speaker.is_provisional) == ("احمد علی", "وزیر خارجہ", True)
    assert claims[0].review_status == "needs_review"
    assert list(speaker.aliases.values_list("text", flat=True)) == ["احمد علی"]


def test_narrative_sentence_gives_no_claim():
    result = _ingest(OTHER_MEETING)
    assert result.claims == 5 and result.passages == 5
    assert not Claim.objects.filter(text__contains="تحائف").exists()


def test_arabic_keyboard_spelling_resolves_the_speaker():
    doc = "2016 /Feb/ 2 - ملاقات\n\nرهبر انقلاب اسلامي نے فرمايا كہ امن ضروری ہے۔\n"
    claims = _claims(_ingest(doc))
    assert claims[0].speaker.slug == "ali-khamenei"
    assert claims[0].text == "امن ضروری ہے"


def test_same_unresolved_subject_maps_to_one_provisional_speaker():
    _ingest("2016 /Feb/ 2 - خبر\n\nامریکی سفیر ڈونلڈ بلوم نے کہا کہ ایک۔\n")
    ingest_document(
        "2016 /Feb/ 3 - خبر\n\nڈونلڈ بلوم نے کہا کہ دو۔\n".encode(), origin="b.txt", publish=True
    )
    ingest_document(
        "2016 /Feb/ 4 - خبر\n\nسفیر بلوم نے کہا کہ تین۔\n".encode(), origin="c.txt", publish=True
    )
    blome = Speaker.objects.get(name="ڈونلڈ بلوم")
    assert blome.claims.count() == 3 and blome.country == "US"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2015 /Nov/ 24 - عنوان", datetime.date(2015, 11, 24)),
        ("۲۰۱۶ /Jan/ ۲۳ - عنوان", datetime.date(2016, 1, 23)),
        ("2016/01/23 - عنوان", datetime.date(2016, 1, 23)),
        ("23 جنوری 2016 - عنوان", datetime.date(2016, 1, 23)),
        ("2016-01-23 عنوان", datetime.date(2016, 1, 23)),  # ISO, title after a space
        ("23 جنوری، 2016ء عنوان", datetime.date(2016, 1, 23)),  # Urdu comma and ء (year)
        ("۲۳ جنوری ۲۰۱۶: عنوان", datetime.date(2016, 1, 23)),
        ("Jan 23, 2016 - عنوان", datetime.date(2016, 1, 23)),
        ("23 Jan. 2016 | عنوان", datetime.date(2016, 1, 23)),
        ("23/01/2016 - عنوان", datetime.date(2016, 1, 23)),  # day first
        ("01/23/2016 - عنوان", datetime.date(2016, 1, 23)),  # month first: 23 is no month
        ("04/05/2016 - عنوان", datetime.date(2016, 5, 4)),  # ambiguous: day first
        ("\ufeff2016 /Jan/ 23 - عنوان", datetime.date(2016, 1, 23)),  # a byte-order mark
    ],
)
def test_date_line_forms(line, date):
    doc = parse_document(f"{line}\nمتن۔\n".encode())
    assert doc.date == date and doc.title == "عنوان"


@pytest.mark.parametrize(
    "line",
    ["12 بجے وزیر اعظم نے خطاب کیا", "2016 /Jan/ 32 - عنوان", "2016-01/23 عنوان", "عنوان 2016"],
)
def test_lines_that_are_no_date_lines(line):
    from statements.ingest.parse import parse_date_line

    assert parse_date_line(line) is None


def test_editor_given_date_replaces_a_missing_date_line():
    doc = parse_document("عنوان\nمتن۔\n".encode(), date=datetime.date(2020, 1, 1))
    assert doc.date == datetime.date(2020, 1, 1) and doc.title == "عنوان"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("ملاقات تقریبا دو گھنٹے جاری رہی۔", 120),
        ("ملاقات ۳ گھنٹے جاری رہی۔", 180),
        ("ملاقات 1.5 گھنٹے جاری رہی۔", 90),
        ("ملاقات ² گھنٹے جاری رہی۔", 120),  # the fold's NFKC reads '²' as 2
        ("ملاقات ½ گھنٹے جاری رہی۔", None),  # '½' folds to '1⁄2': no number, no crash
        ("ملاقات \U00010a40 گھنٹے جاری رہی۔", None),  # a digit to isdigit(), not to float()
    ],
)
def test_stated_duration_reads_digits_and_number_words_only(text, minutes):
    from statements.ingest.parse import parse_duration

    assert parse_duration(text)[0] == minutes


@pytest.mark.parametrize(
    ("title", "names"),
    [
        # X's meeting with Y: split at the genitive that agrees with the meeting word; the
        # office goes to the participation's role, the bare name is the speaker's
        ("وزیر اعظم عمران خان کی چینی صدر شی جن پنگ سے ملاقات",
         [("عمران خان", "وزیر اعظم"), ("شی جن پنگ", "چینی صدر")]),
        ("ترکی کے صدر اردوان کی قطر کے امیر سے ملاقات",
         [("اردوان", "ترکی کے صدر"), ("قطر کے امیر", "قطر کے امیر")]),
        # (with مذاکرات the genitive is کے, which role phrases use too: the last one is taken,
        # so "X کے قطر کے امیر سے مذاکرات" would give "X کے قطر" and "امیر")
        ("ترکی کے وزیر خارجہ کے امیر قطر سے مذاکرات",
         [("ترکی کے وزیر خارجہ", "ترکی کے وزیر خارجہ"), ("امیر قطر", "امیر قطر")]),
        # Y's meeting with X, and meetings between X and Y
        ("قطر کے امیر سے ترکی کے صدر اردوان کی ملاقات",
         [("قطر کے امیر", "قطر کے امیر"), ("اردوان", "ترکی کے صدر")]),
        ("ترکی کے صدر اردوان اور قطر کے امیر کے درمیان ملاقات",
         [("اردوان", "ترکی کے صدر"), ("قطر کے امیر", "قطر کے امیر")]),
        ("ترکی کے صدر اردوان اور قطر کے امیر کے مابین بات چیت",
         [("اردوان", "ترکی کے صدر"), ("قطر کے امیر", "قطر کے امیر")]),
        # a Chinese name holding کی; two offices of one person joined by و; a modifier of the
        # meeting word after the link ("فون پر", "ٹیلیفونک")
        ("وزیر اعظم لی کی چیانگ سے صدر زرداری کی ملاقات",
         [("لی کی چیانگ", "وزیر اعظم"), ("زرداری", "صدر")]),
        ("نائب وزیراعظم و وزیر خارجہ اسحاق ڈار کی چینی ہم منصب وانگ یی سے فون پر بات چیت",
         [("اسحاق ڈار", "نائب وزیراعظم و وزیر خارجہ"), ("وانگ یی", "چینی ہم منصب")]),
        ("وزیراعظم شہباز شریف کا ترک صدر اردوان سے ٹیلیفونک رابطہ",
         [("شہباز شریف", "وزیراعظم"), ("اردوان", "ترک صدر")]),
    ],
)  # fmt: skip
def test_participants_are_read_from_the_usual_title_patterns(title, names):
    """(name, role) as the title gives them; an office named alone is its own name here, and
    the ingest asks statements/speakers who held it that day (tests/speakers/test_resolve.py)."""
    doc = parse_document(f"2019 /Apr/ 28 - {title}\n\nدونوں رہنماؤں نے ملاقات کی۔\n".encode())
    found = participants(doc, load_alias_index())
    assert sorted((p.ref.name, p.role) for p in found) == sorted(names)
    result = _ingest(f"2019 /Apr/ 28 - {title}\n\nدونوں رہنماؤں نے ملاقات کی۔\n")
    saved = result.meeting.participation_set.select_related("speaker")
    named = sorted((p.speaker.name, p.role) for p in saved if p.speaker.slug != "unidentified")
    assert named == sorted((n, r) for n, r in names if n != r)  # offices: nobody known here


def test_a_participants_role_goes_to_the_participation_and_the_name_to_the_speaker():
    result = _ingest(
        "2019 /Apr/ 28 - وزیر اعظم عمران خان کی چینی صدر شی جن پنگ سے ملاقات\n\nمتن۔\n"
    )
    read = {(p.role, p.speaker.name) for p in Participation.objects.filter(meeting=result.meeting)}
    assert read == {("وزیر اعظم", "عمران خان"), ("چینی صدر", "شی جن پنگ")}


def test_claims_go_to_the_participants_of_an_x_ki_y_se_title():
    result = _ingest(
        "2019 /Apr/ 28 - وزیر اعظم عمران خان کی چینی صدر شی جن پنگ سے ملاقات\n\n"
        "عمران خان نے کہا کہ اقتصادی راہداری دونوں ممالک کے لئے اہم ہے۔\n"
        "چینی صدر نے کہا کہ چین دوستی کو مزید مضبوط بنانا چاہتا ہے۔\n"
        "انہوں نے مزید کہا کہ علاقائی امن کے لئے تعاون جاری رہے گا۔\n"
        "وزیر اعظم نے زور دے کر کہا کہ افغانستان میں امن پورے خطے کے مفاد میں ہے۔\n"
    )
    speakers = [c.speaker.name for c in _claims(result)]
    assert speakers == ["عمران خان", "شی جن پنگ", "شی جن پنگ", "عمران خان"]


def test_genitive_reports_and_continuations_after_an_adverbial():
    """ "X کا کہنا تھا کہ" (X's saying was that) reports speech like "X نے کہا کہ"; "ان کا کہنا"
    and "اس موقع پر انہوں نے" continue the previous speaker."""
    result = _ingest(
        "2019 /Apr/ 28 - وزیر اعظم عمران خان کی چینی صدر شی جن پنگ سے ملاقات\n\n"
        "چینی صدر کا کہنا تھا کہ چین دوستی کو مزید مضبوط بنانا چاہتا ہے۔\n"
        "ان کا کہنا تھا کہ علاقائی امن کے لئے تعاون جاری رہے گا۔\n"
        "عمران خان کا کہنا ہے کہ راہداری اہم منصوبہ ہے۔\n"
        "اس موقع پر انہوں نے کہا کہ افغانستان میں امن ضروری ہے۔\n"
        "یہ کہنا غلط ہے کہ ملاقات ناکام رہی۔\n"
    )
    claims = _claims(result)
    assert [(c.speaker.name, c.text, c.attribution) for c in claims] == [
        ("شی جن پنگ", "چین دوستی کو مزید مضبوط بنانا چاہتا ہے", "participant-name:reported-speech"),
        ("شی جن پنگ", "علاقائی امن کے لئے تعاون جاری رہے گا", "honorific-continuation:reported-speech"),
        ("عمران خان", "راہداری اہم منصوبہ ہے", "participant-name:reported-speech"),
        ("عمران خان", "افغانستان میں امن ضروری ہے", "honorific-continuation:reported-speech"),
    ]  # fmt: skip
    assert claims[0].reporting_phrase == "کہنا تھا"


def test_a_colon_introduces_the_claim_as_ki_does():
    result = _ingest(
        "2019 /Apr/ 28 - وزیر اعظم عمران خان کی چینی صدر شی جن پنگ سے ملاقات\n\n"
        'عمران خان نے کہا: "پاکستان خطے میں امن چاہتا ہے"۔\n'
        "چینی صدر نے اعلان کیا ہے: ہم تعاون جاری رکھیں گے۔\n"
        "اجلاس کا ایجنڈا یہ تھا: تجارت اور سلامتی۔\n"
    )
    claims = _claims(result)
    assert [(c.speaker.name, c.text, c.reporting_phrase, c.kind) for c in claims] == [
        ("عمران خان", "پاکستان خطے میں امن چاہتا ہے", "کہا", "assertion"),
        ("شی جن پنگ", "ہم تعاون جاری رکھیں گے", "اعلان کیا ہے", "commitment"),
    ]
    source = result.meeting.source.text
    assert all(source[c.start : c.end] == c.text for c in claims)
