"""The extractor's rules on one-line inputs: tokens, layout, subjects, reporting constructions.
No database: these are the pure functions of statements/ingest/."""

import pytest

from statements.ingest import reports
from statements.ingest.extract import claim_span
from statements.ingest.nps import analyse, subject_start
from statements.ingest.parse import dateline_end, layout
from statements.ingest.tokens import sentences, tokenize

# -- tokens and sentences ---------------------------------------------------------------------


def _texts(text, tokens):
    return [text[t.start : t.end] for t in tokens]


def test_punctuation_glued_to_words_is_split_without_touching_the_text():
    text = "اسلام آباد (نمائندہ)ترجمان نے کہا،،کہ امن ہے۔انہوں نے"
    assert _texts(text, tokenize(text)) == [
        "اسلام", "آباد", "(", "نمائندہ", ")", "ترجمان", "نے", "کہا", "،", "،", "کہ", "امن",
        "ہے", "۔", "انہوں", "نے",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("glued", "parts"),
    [
        ("کاکہنا", ["کا", "کہنا"]),
        ("کہناتھا", ["کہنا", "تھا"]),
        ("کہاکہ", ["کہا", "کہ"]),
        ("نےکہا", ["نے", "کہا"]),
        ("کرتےہوئے", ["کرتے", "ہوئے"]),
        ("دیتےہوۓ", ["دیتے", "ہوۓ"]),
    ],
)
def test_words_written_joined_become_two_tokens(glued, parts):
    text = f"وزیر {glued} ہے"
    assert _texts(text, tokenize(text))[1:-1] == parts


def test_a_word_that_only_looks_joined_stays_whole():
    assert _texts("کیا کہنا", tokenize("کیا کہنا")) == ["کیا", "کہنا"]


def test_sentence_ends_with_or_without_a_space_latin_stops_and_doubled_marks():
    text = "پہلا جملہ ہے۔دوسرا 3.8 ارب ہے. تیسرا ہے۔۔ چوتھا"
    tokens = tokenize(text)
    found = [text[tokens[a].start : tokens[b - 1].end] for a, b in sentences(tokens)]
    assert found == ["پہلا جملہ ہے۔", "دوسرا 3.8 ارب ہے.", "تیسرا ہے۔۔", "چوتھا"]


def test_an_end_mark_inside_a_quotation_ends_the_sentence_with_its_closing_quote():
    text = 'وزیر نے کہا: "ہم آئیں گے۔ یہ طے ہے۔" اگلا جملہ۔'
    tokens = tokenize(text)
    found = [text[tokens[a].start : tokens[b - 1].end] for a, b in sentences(tokens)]
    assert found == ['وزیر نے کہا: "ہم آئیں گے۔ یہ طے ہے۔"', "اگلا جملہ۔"]


# -- layout: headlines, standfirsts, datelines ------------------------------------------------


def test_headline_and_standfirst_lines_are_units_of_their_own():
    text = (
        "عنوان کی سطر\n"
        "ضمنی سرخی: تجارت اور سلامتی پر گفتگو\n\n"
        "لاہور (نامہ نگار) وزیر نے کہا کہ تجارت بڑھے گی\n"
        "اور سرمایہ کاری آئے گی۔\n"
    )
    units = layout(text, text.index("\n") + 1)
    assert [(text[s.start : s.end].split("\n")[0], h) for s, h in units] == [
        ("ضمنی سرخی: تجارت اور سلامتی پر گفتگو", True),
        ("لاہور (نامہ نگار) وزیر نے کہا کہ تجارت بڑھے گی", False),
    ]


def test_a_line_ending_in_a_colon_goes_on_to_the_quotation_below():
    text = 'سرخی\nوزیر نے کہا:\n\n"ہم تیار ہیں۔"\n'
    assert [h for _, h in layout(text, 5)] == [False]


def test_a_line_wrapped_after_a_genitive_joins_the_next_even_across_a_blank_line():
    text = "سرخی\nوزیر نے پاکستان کی\n\nحمایت کا اعلان کیا۔\n"
    units = layout(text, 5)
    assert len(units) == 1 and not units[0][1]


def test_a_headline_before_a_dateline_in_the_middle_of_a_report():
    text = "سرخی\nپہلا پیراگراف ختم ہوا۔\n\nسفیر: تجارت بڑھے گی\nکابل (ایجنسیاں) سفیر نے کہا کہ تجارت بڑھے گی۔\n"
    units = layout(text, 5)
    assert [h for _, h in units] == [False, True, False]


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("لاہور (نامہ نگار) وزیر نے کہا", "لاہور (نامہ نگار) "),
        ("کراچی، 5 مئی (اے پی پی) وزیر نے کہا", "کراچی، 5 مئی (اے پی پی) "),
        ("لاہور(سٹاف رپورٹر)وزیر نے کہا", "لاہور(سٹاف رپورٹر)"),
        ("کابل: وزیر نے کہا", "کابل: "),
        ("جنیوا — وزیر نے کہا", "جنیوا — "),
        ("تنظیم (ایس سی او) کے اجلاس میں وزیر نے کہا", None),  # a bracket explaining a word
        ("وزیر نے کہا کہ (شاید) امن ہوگا", None),
    ],
)
def test_datelines(line, dateline):
    end = dateline_end(line)
    assert (line[:end] if end is not None else None) == dateline


# -- the subject noun phrase ------------------------------------------------------------------


def _subject(text, before="نے"):
    tokens = tokenize(text)
    end = max(i for i, t in enumerate(tokens) if t.key == before)
    start = subject_start(tokens, end, 0)
    return text[tokens[start].start : tokens[end - 1].end]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("اس موقع پر وزیر داخلہ احمد علی نے کہا", "وزیر داخلہ احمد علی"),
        ("دوسری جانب قطر کے وزیر خارجہ نے کہا", "قطر کے وزیر خارجہ"),
        ("اس ملاقات میں جاپانی وزیر اعظم نے کہا", "جاپانی وزیر اعظم"),
        ("دریں اثنا نائب صدر نے کہا", "نائب صدر"),
        ("منگل کو وزیر تجارت نے کہا", "وزیر تجارت"),
        ("لندن میں موجود پاکستانی سفیر نے کہا", "پاکستانی سفیر"),
        ("ملاقات کے بعد میڈیا سے گفتگو کرتے ہوئے مشیر نے کہا", "مشیر"),
        ("ایک سوال کے جواب میں ترجمان نے کہا", "ترجمان"),
        ("یہ بات وزیر تجارت نے کہی", "وزیر تجارت"),
        ("میٹنگ ہوئی، وزیر نے کہا", "وزیر"),
        ("جنرل (ریٹائرڈ) علی احمد نے کہا", "جنرل (ریٹائرڈ) علی احمد"),
        ("آج شام کینیڈا کے وزیر اعظم نے کہا", "کینیڈا کے وزیر اعظم"),
    ],
)
def test_the_subject_stops_at_words_that_cannot_be_part_of_a_name(text, subject):
    assert _subject(text) == subject


def test_a_subject_never_runs_back_over_an_unmarked_line_of_another_unit():
    text = (
        "تجارت، توانائی اور سلامتی کے شعبوں میں تعاون بڑھانے کے لیے نئے معاہدوں پر اتفاق رائے\n"
        "کینیڈا کے وزیر خارجہ علی احمد نے کہا"
    )
    assert _subject(text) == "کینیڈا کے وزیر خارجہ علی احمد"


def test_the_subject_of_according_to_stops_before_a_news_agency():
    assert _subject("اے پی پی کے مطابق صدر احمد علی نے کہا") == "صدر احمد علی"


def _np(text):
    tokens = tokenize(text)
    np = analyse(tokens, text)
    return np.kind, np.name_text(text), np.role_text(text)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("کینیڈا کے وزیر خارجہ ڈاکٹر علی احمد", ("person", "علی احمد", "کینیڈا کے وزیر خارجہ")),
        ("وزیر اعظم لی کی چیانگ", ("person", "لی کی چیانگ", "وزیر اعظم")),  # کی inside a name
        (
            "نائب وزیراعظم و وزیر خارجہ علی احمد",
            ("person", "علی احمد", "نائب وزیراعظم و وزیر خارجہ"),
        ),
        ("ترجمان دفتر خارجہ علی احمد", ("person", "علی احمد", "ترجمان دفتر خارجہ")),
        ("ترجمان دفتر خارجہ", ("role", "", "ترجمان دفتر خارجہ")),
        ("کینیڈین صدر", ("role", "", "کینیڈین صدر")),
        ("دفتر خارجہ", ("organisation", "", "")),
        ("سفارتی ذرائع", ("unnamed", "", "")),
        ("خبر رساں ادارے رائٹرز", ("media", "", "")),
        ("دونوں رہنماؤں", ("group", "", "")),
        ("وزارت خارجہ کے بیان", ("document", "", "")),
        ("انہوں", ("pronoun", "", "")),
    ],
)
def test_a_subject_is_split_into_office_honorifics_and_bare_name(text, parts):
    kind, name, role = _np(text)
    assert (kind, name, role if kind in ("person", "role") else "") == parts


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("وزارت خارجہ کے بیان", "وزارت خارجہ"),
        ("وزارت خارجہ کے جاری کردہ بیان", "وزارت خارجہ"),  # issued by
        ("اجلاس کے اختتامی اعلامیے", "اجلاس"),
        ("مشترکہ بیان", None),
    ],
)
def test_a_statement_names_its_owner(text, owner):
    np = analyse(tokenize(text), text)
    assert np.kind == "document" and (np.owner.text if np.owner else None) == owner


# -- reporting constructions ------------------------------------------------------------------


def _reports(text):
    tokens = tokenize(text)
    out = []
    for lo, hi in sentences(tokens):
        for r in reports.sentence_reports(tokens, lo, hi):
            subject = text[tokens[r.subject[0]].start : tokens[r.subject[1] - 1].end]
            span = claim_span(tokens, r.content, r.end)
            content = text[tokens[span[0]].start : tokens[span[1] - 1].end] if span else ""
            out.append((r.rule, subject, content))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # کہ, a colon, a comma or nothing at all after a verb of saying
        ("وزیر نے کہا کہ امن ضروری ہے۔", [("reported-speech", "وزیر", "امن ضروری ہے")]),
        ("وزیر نے کہا: امن ضروری ہے۔", [("reported-speech", "وزیر", "امن ضروری ہے")]),
        ("وزیر نے کہا، امن ضروری ہے۔", [("reported-speech", "وزیر", "امن ضروری ہے")]),
        ("انہوں نے کہا امن ضروری ہے۔", [("reported-speech", "انہوں", "امن ضروری ہے")]),
        # words inside the construction
        ("وزیر نے مزید کہا کہ امن ضروری ہے۔", [("reported-speech", "وزیر", "امن ضروری ہے")]),
        ("وزیر نے اس موقع پر کہا کہ امن ضروری ہے۔", [("reported-speech", "وزیر", "امن ضروری ہے")]),
        ("وزیر کا مزید کہنا تھا کہ امن ضروری ہے۔", [("reported-speech", "وزیر", "امن ضروری ہے")]),
        ("وزیر نے زور دے کر کہا،کہ امن ضروری ہے۔", [("reported-speech", "وزیر", "امن ضروری ہے")]),
        ("وہ کہتے ہیں کہ امن ضروری ہے۔", [("reported-speech", "وہ", "امن ضروری ہے")]),
        # a stance with no content clause is no claim
        ("وزیر نے حملے کی مذمت کی۔", []),
        ("وزیر نے تعاون پر زور دیا۔", []),
        (
            "وزیر نے زور دیا کہ تعاون بڑھایا جائے۔",
            [("reported-speech", "وزیر", "تعاون بڑھایا جائے")],
        ),
        ("وزیر نے خط لکھا جس میں تجاویز ہیں۔", []),
    ],
)
def test_reporting_constructions(text, expected):
    assert _reports(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comma splice: the claim ends where the next report begins
        (
            "وزیر نے کہا کہ امن ضروری ہے، جبکہ سفیر نے کہا کہ تجارت اہم ہے۔",
            [("reported-speech", "وزیر", "امن ضروری ہے"), ("reported-speech", "سفیر", "تجارت اہم ہے")],
        ),
        (
            "وزیر نے کہا کہ امن ضروری ہے، ان کا کہنا تھا کہ تجارت اہم ہے۔",
            [("reported-speech", "وزیر", "امن ضروری ہے"), ("reported-speech", "ان", "تجارت اہم ہے")],
        ),
        # narrative after a joiner with the speaker acting is no part of the claim
        ("وزیر نے بتایا کہ معاہدہ ہو گیا ہے،تاہم انہوں نے سوالات نہیں لیے۔",
         [("reported-speech", "وزیر", "معاہدہ ہو گیا ہے")]),
        # "، جبکہ" with another subject acting, and "، جس کے بعد": the reporter goes on
        ("وزیر نے کہا کہ امن ضروری ہے، جبکہ پولیس نے جلوس روک دیا۔",
         [("reported-speech", "وزیر", "امن ضروری ہے")]),
        ("وزیر نے کہا کہ اجلاس ختم ہو گیا، جس کے بعد وفد واپس چلا گیا۔",
         [("reported-speech", "وزیر", "اجلاس ختم ہو گیا")]),
        ("وزیر نے کہا کہ امن ضروری ہے، جبکہ ترقی بھی اہم ہے۔",
         [("reported-speech", "وزیر", "امن ضروری ہے، جبکہ ترقی بھی اہم ہے")]),
        # "تاہم" inside the content, with no new subject, stays in it
        ("وزیر نے کہا کہ معاہدہ ہو گیا ہے تاہم مسائل باقی ہیں۔",
         [("reported-speech", "وزیر", "معاہدہ ہو گیا ہے تاہم مسائل باقی ہیں")]),
        # a report nested in the content without a break stays inside it
        ("وزیر نے کہا کہ سفیر نے کہا تھا کہ تجارت بڑھے گی۔",
         [("reported-speech", "وزیر", "سفیر نے کہا تھا کہ تجارت بڑھے گی")]),
    ],
)  # fmt: skip
def test_clauses_not_sentences_are_the_unit_of_attribution(text, expected):
    assert _reports(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("حکام کے مطابق سرحد کھول دی جائے گی۔", [("according-to", "حکام", "سرحد کھول دی جائے گی")]),
        ("ترجمان کے بقول دورہ ملتوی ہو گیا۔", [("according-to", "ترجمان", "دورہ ملتوی ہو گیا")]),
        ("بقول ترجمان، دورہ ملتوی ہو گیا۔", [("according-to", "ترجمان", "دورہ ملتوی ہو گیا")]),
        # a report inside names its own speaker
        ("سرکاری بیان کے مطابق وزیر نے سفیر سے کہا کہ دورہ ملتوی ہو گیا۔",
         [("reported-speech", "وزیر", "دورہ ملتوی ہو گیا")]),
        ("مشترکہ بیان میں کہا گیا کہ تعاون بڑھے گا۔",
         [("passive-statement", "مشترکہ بیان", "تعاون بڑھے گا")]),
        ("بیان میں امریکہ سے مطالبہ کیا گیا کہ پابندیاں ہٹائی جائیں۔",
         [("passive-statement", "بیان", "پابندیاں ہٹائی جائیں")]),
        ("اعلامیے میں تعاون کی اہمیت پر زور دیا گیا۔", []),
    ],
)  # fmt: skip
def test_according_to_and_passive_statements(text, expected):
    assert _reports(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('وزیر نے کہا: "ہم تیار ہیں۔"', [("reported-speech", "وزیر", "ہم تیار ہیں")]),
        ("«ہم تیار ہیں»، وزیر نے بتایا۔", [("direct-quote", "وزیر", "ہم تیار ہیں")]),
        ("ان کے بقول ‘ہم تیار ہیں’۔", [("according-to", "ان", "ہم تیار ہیں")]),
        # a quoted phrase that opens the content is no direct quotation of all of it
        ('وزیر نے کہا کہ "امن" اور ترقی ساتھ ہیں۔', [("reported-speech", "وزیر", '"امن" اور ترقی ساتھ ہیں')]),
        ("تجارت بڑھے گی، یہ بات وزیر نے لاہور میں کہی۔", [("speaker-after", "وزیر", "تجارت بڑھے گی")]),
        ("«ہم تیار ہیں»، یہ بات وزیر نے کہی۔", [("speaker-after", "وزیر", "ہم تیار ہیں")]),
        ("یہ بات قابل ذکر ہے کہ وزیر نے دورہ کیا۔", []),
    ],
)  # fmt: skip
def test_direct_quotation_and_the_speaker_after_the_content(text, expected):
    assert _reports(text) == expected


def _frames(text):
    tokens = tokenize(text)
    (lo, hi), *_ = sentences(tokens)
    (report,) = reports.sentence_reports(tokens, lo, hi)
    return [
        (text[tokens[f.first].start : tokens[f.last].end], f.kind) for f in report.frames
    ], text[tokens[report.phrase[0]].start : tokens[report.phrase[1] - 1].end]


@pytest.mark.parametrize(
    ("text", "frames", "phrase"),
    [
        # circumstantial frames set the scene; evaluative ones are claims of their own
        ("وزیر نے صحافیوں سے گفتگو کرتے ہوئے کہا کہ امن ہے۔", [], "کہا"),
        ("وزیر نے کانفرنس سے خطاب کرتے ہوئے کہا کہ امن ہے۔", [], "کہا"),
        ("وزیر نے دورے کو تاریخی قرار دیتے ہوئے کہا کہ امن ہے۔",
         [("دورے کو تاریخی قرار دیتے ہوئے", "evaluation")], "کہا"),
        ("وزیر نے حملے کی مذمت کرتےہوئے کہا کہ امن ہے۔",
         [("حملے کی مذمت کرتےہوئے", "evaluation")], "کہا"),
        ("وزیر نے فوری جنگ بندی کا مطالبہ کرتے ہوئے کہا کہ امن ہے۔",
         [("فوری جنگ بندی کا مطالبہ کرتے ہوئے", "demand")], "کہا"),
        # a frame unknown to the lexicon: circumstantial with an interlocutor (سے)
        ("وزیر نے سفیروں سے تبادلہ خیال کرتے ہوئے کہا کہ امن ہے۔", [], "کہا"),
        ("وزیر نے امداد کی پذیرائی کرتے ہوئے کہا کہ امن ہے۔",
         [("امداد کی پذیرائی کرتے ہوئے", "evaluation")], "کہا"),
        # a frame with nothing of its own belongs to the reporting phrase
        ("وزیر نے تاکید کرتے ہوئے کہا کہ امن ہے۔", [], "تاکید کرتے ہوئے کہا"),
        # the setting before a frame's content is not part of it
        ("وزیر نے اس ٹیلیفونی گفتگو میں حملے کی مذمت کرتے ہوئے کہا کہ امن ہے۔",
         [("حملے کی مذمت کرتے ہوئے", "evaluation")], "کہا"),
        ("وزیر نے ایک بیان میں حملے کی مذمت کرتے ہوئے کہا کہ امن ہے۔",
         [("حملے کی مذمت کرتے ہوئے", "evaluation")], "کہا"),
        # a frame before the subject
        ("قرارداد کا خیرمقدم کرتے ہوئے وزیر نے کہا کہ امن ہے۔",
         [("قرارداد کا خیرمقدم کرتے ہوئے", "evaluation")], "کہا"),
    ],
)  # fmt: skip
def test_circumstantial_and_evaluative_frames(text, frames, phrase):
    assert _frames(text) == (frames, phrase)


def test_a_passive_statement_may_hold_a_frame_of_its_own():
    text = "اعلامیے میں دہشت گردی کی مذمت کرتے ہوئے کہا گیا کہ تعاون بڑھے گا۔"
    tokens = tokenize(text)
    (report,) = reports.sentence_reports(tokens, 0, len(tokens))
    frames = [text[tokens[f.first].start : tokens[f.last].end] for f in report.frames]
    assert (report.rule, frames) == ("passive-statement", ["دہشت گردی کی مذمت کرتے ہوئے"])
