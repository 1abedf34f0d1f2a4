"""The Urdu words that drive the parser and the extractor, in one place, each with its meaning.

Every entry is written in ordinary Urdu spelling; the extractor compares folded words
(statements.urdu.fold), so Arabic-keyboard spellings and diacritics match too.
Speakers and topics are not here: they are data (Speaker, Topic, Alias), editable in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass

# The ergative postposition that marks the subject of a reporting verb: "X نے ... کہا".
ERGATIVE = "نے"

# The complementiser that introduces reported content: "... کہا کہ <claim>".
COMPLEMENTISER = "کہ"

# An honorific "he/she" at the head of a sentence, continuing the previous speaker
# ("آپ نے فرمایا" = "he said"); inside reported content it means "you" (the addressee).
# ان: his/their, in "ان کا کہنا تھا کہ" (his saying was that).
HONORIFIC_PRONOUNS = ("آپ", "انہوں", "انھوں", "ان")  # آپ: he (honorific); انہوں/انھوں: he/they


@dataclass(frozen=True)
class ReportingVerb:
    words: str  # the verb phrase, in Urdu
    meaning: str  # its English meaning


# Verbal nouns that report speech with a genitive subject instead of نے:
# "X کا کہنا تھا کہ ..." (X's saying was that ...), "X کا کہنا ہے کہ".
GENITIVE_REPORTING = (ReportingVerb("کہنا", "saying (X's saying was that)"),)
GENITIVES = ("کا", "کی", "کے")  # of (masculine, feminine, oblique/plural)

# Verb phrases that report speech when directly followed by کہ (optionally with an auxiliary).
REPORTING_VERBS = (
    ReportingVerb("فرمایا", "said (honorific)"),
    ReportingVerb("کہا", "said"),
    ReportingVerb("بتایا", "told, stated"),
    ReportingVerb("کہی", "said (feminine object)"),
    ReportingVerb("واضح کیا", "made clear"),
    ReportingVerb("اعلان کیا", "announced"),
    ReportingVerb("تاکید کی", "emphasised"),
    ReportingVerb("زور دیا", "stressed"),
    ReportingVerb("اعتراف کیا", "acknowledged"),
    ReportingVerb("امید ظاہر کی", "expressed the hope"),
    ReportingVerb("خیال ظاہر کیا", "expressed the view"),
    ReportingVerb("یقین دلایا", "assured"),
    ReportingVerb("خبردار کیا", "warned"),
    ReportingVerb("انتباہ کیا", "warned"),
    ReportingVerb("مطالبہ کیا", "demanded"),
    ReportingVerb("دعوی کیا", "claimed"),
    *GENITIVE_REPORTING,
)

# Auxiliaries that may stand between the reporting verb and کہ: "کہا ہے کہ", "فرمایا تھا کہ".
AUXILIARIES = ("ہے", "ہیں", "تھا", "تھی", "تھے")

# A participial frame ends in one of these two-word endings: "... کرتے ہوئے" ("while doing ...").
FRAME_ENDINGS = (("کرتے", "ہوئے"), ("دیتے", "ہوئے"), ("رکھتے", "ہوئے"), ("لیتے", "ہوئے"))


@dataclass(frozen=True)
class Frame:
    words: str  # the words that end the frame, before its ending ("قرار" + "دیتے ہوئے")
    meaning: str
    kind: str  # the claim kind of the frame's content


# Participial frames before a reporting verb; each is a claim of its own (kind: evaluation,
# unless stated). Matched on the words directly before the frame ending.
FRAMES = (
    Frame("قرار", "declaring (X to be Y)", "evaluation"),
    Frame("تعریف", "praising", "evaluation"),
    Frame("تاکید", "emphasising", "evaluation"),
    Frame("زور", "stressing", "evaluation"),
    Frame("ذکر", "mentioning", "evaluation"),
    Frame("شکریہ ادا", "thanking", "evaluation"),
    Frame("اشارہ", "referring to", "evaluation"),
    Frame("اظہار", "expressing", "evaluation"),
    Frame("خیرمقدم", "welcoming", "evaluation"),
    Frame("مذمت", "condemning", "evaluation"),
    Frame("تنقید", "criticising", "evaluation"),
    Frame("حمایت", "supporting", "evaluation"),
)

# Words that join two frames ("... کرتے ہوئے اور ... کرتے ہوئے") and are not part of either.
FRAME_JOINERS = ("اور", "نیز", "بھی")

# Words that may follow the subject's نے and belong to neither subject nor frame ("نے بھی").
AFTER_ERGATIVE = ("بھی",)


@dataclass(frozen=True)
class KindCue:
    ending: tuple[str, ...]  # the claim's last words (or any words, with anywhere=True)
    kind: str
    meaning: str
    anywhere: bool = False


# The kind of a main claim follows from these cues, first match wins; the default is
# "assertion". Commitments need a first-person word in the claim (the speaker's own side).
KIND_CUES = (
    KindCue(("پابند", "ہیں"), "commitment", "(we) are bound to", anywhere=True),
    KindCue(("وعدہ", "کرتے"), "commitment", "(we) promise", anywhere=True),
    KindCue(("کریں", "گے"), "commitment", "we will (not) do"),
    KindCue(("کرینگے",), "commitment", "we will do"),
    KindCue(("کیا", "جائے"), "proposal", "should be done"),
    KindCue(("جائے",), "proposal", "should be (passive subjunctive)"),
    KindCue(("چاہیے",), "proposal", "ought to"),
    KindCue(("چاہئے",), "proposal", "ought to"),
    KindCue(("کریں",), "proposal", "let (us/them) do"),
)

# First-person words that make a future or obligation a commitment of the speaker's side.
FIRST_PERSON = ("ہم", "میں", "ہمیں", "ہمارا", "ہماری", "ہمارے")

# Month names as the date line writes them (English abbreviations and Urdu names).
MONTHS = {
    "jan": 1, "january": 1, "جنوری": 1,
    "feb": 2, "february": 2, "فروری": 2,
    "mar": 3, "march": 3, "مارچ": 3,
    "apr": 4, "april": 4, "اپریل": 4,
    "may": 5, "مئی": 5,
    "jun": 6, "june": 6, "جون": 6,
    "jul": 7, "july": 7, "جولائی": 7,
    "aug": 8, "august": 8, "اگست": 8,
    "sep": 9, "sept": 9, "september": 9, "ستمبر": 9,
    "oct": 10, "october": 10, "اکتوبر": 10,
    "nov": 11, "november": 11, "نومبر": 11,
    "dec": 12, "december": 12, "دسمبر": 12,
}  # fmt: skip

# Number words for stated durations ("تقریبا دو گھنٹے جاری رہی": lasted about two hours).
NUMBER_WORDS = {
    "آدھا": 0.5, "ایک": 1, "ڈیڑھ": 1.5, "دو": 2, "ڈھائی": 2.5, "تین": 3, "چار": 4,
    "پانچ": 5, "چھ": 6, "سات": 7, "آٹھ": 8, "نو": 9, "دس": 10, "بیس": 20, "تیس": 30,
    "چالیس": 40, "پینتالیس": 45, "پچاس": 50, "ساٹھ": 60, "نوے": 90,
}  # fmt: skip
DURATION_UNITS = {"گھنٹے": 60, "گھنٹہ": 60, "گھنٹا": 60, "منٹ": 1}  # hours, hour, minutes
APPROXIMATELY = ("تقریبا", "تقریباً", "لگ بھگ", "قریب")  # about
LASTED = ("جاری", "رہی", "رہا", "تک", "کی", "چلی", "طول")  # "continued", "lasted" and links

# Words of a meeting title that link its participants: "X سے Y کی ملاقات", "X اور Y کی ملاقات",
# "X کی Y سے ملاقات", "X اور Y کے درمیان ملاقات"; each with the genitive that agrees with it
# (ملاقات is feminine: "X کی ... ملاقات"; مذاکرات masculine plural: "X کے ... مذاکرات").
MEETING_WORDS = {
    "ملاقات": "کی", "ملاقاتیں": "کی", "بات چیت": "کی", "گفتگو": "کی", "مذاکرات": "کے",
}  # fmt: skip
BETWEEN = ("درمیان", "مابین")  # "X اور Y کے درمیان ملاقات": between
