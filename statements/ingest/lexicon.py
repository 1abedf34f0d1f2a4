"""The Urdu words that drive the parser and the extractor, in one place, each with its meaning.

Every entry is written in ordinary Urdu spelling; the extractor compares folded words
(statements.urdu.fold), so Arabic-keyboard spellings and diacritics match too, and a phrase of
several words also matches written joined ("وزیراعظم" for "وزیر اعظم") unless said otherwise.
Speakers and topics are not here: they are data (Speaker, Topic, Alias), editable in the admin.
Editors extend the extractor by adding entries here, with their meaning.

The groups follow how Urdu news copy reports speech (docs: /work/shared/REPORTED_SPEECH.md):
the ergative subject and its verb of saying (`X نے کہا کہ`), the genitive verbal noun
(`X کا کہنا تھا کہ`), `کے مطابق`/`بقول`, passive statements (`بیان میں کہا گیا`), direct
quotation, the speaker named after the content (`یہ بات X نے کہی`), participial frames, and the
words a subject noun phrase is built from (titles, offices, honorifics) or stops at.
"""

from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------
# The skeleton of a report.

# The ergative postposition that marks the subject of a perfective verb: "X نے ... کہا".
ERGATIVE = "نے"

# The complementiser that introduces reported content: "... کہا کہ <claim>".
COMPLEMENTISER = "کہ"

GENITIVES = ("کا", "کی", "کے")  # of (masculine, feminine, oblique/plural)

# Pronouns that continue the current speaker ("انہوں نے کہا", "ان کا کہنا تھا", "وہ کہتے ہیں").
CONTINUATION_PRONOUNS = {
    "انہوں": "he/they (ergative: انہوں نے)",
    "انھوں": "he/they (ergative, other spelling)",
    "اُنہوں": "he/they (ergative, with pesh)",
    "موصوف": "the said (man): موصوف نے کہا",
    "موصوفہ": "the said (woman)",
    "ان": "his/their (ان کا کہنا، ان کے بقول)",
    "انکا": "his (ان کا written joined)",
    "انکے": "his (ان کے written joined)",
    "وہ": "he/they (nominative: وہ کہتے ہیں)",
    "آپ": "he (honorific) at a sentence head; inside a quotation it means 'you'",
}
# The honorific pronoun continues the last speaker reported with the honorific verb فرمایا,
# even after another party spoke ("آپ نے فرمایا" after the guest's words).
HONORIFIC_PRONOUN = "آپ"
HONORIFIC_VERBS = ("فرمایا", "فرمائی")  # said (honorific)


@dataclass(frozen=True)
class ReportingVerb:
    """A verb (phrase) of saying after `X نے`. `noun` + a form of `light` ("اعلان" + "کیا"), or a
    simple verb (`light` empty). `free`: it may introduce content without کہ (after a colon, a
    comma, a quotation or directly: "انہوں نے کہا فلسطینی ..."); the others report a claim only
    with کہ, and with an object instead they are a stance, not a claim ("X نے حملے کی مذمت کی")."""

    noun: str
    light: str
    meaning: str
    kind: str = ""  # the claim kind the verb itself gives, when it gives one
    free: bool = False


# Forms of the light verbs: perfective, any gender and number.
LIGHT_VERBS = {
    "کرنا": ("کیا", "کی", "کئے", "کیے", "کیں"),  # to do
    "دینا": ("دیا", "دی", "دیے", "دئے", "دیئے", "دئیے"),  # to give
    "دلانا": ("دلایا", "دلائی", "دلائے"),  # to cause to have (یقین دلایا: assured)
    "کرانا": ("کرایا", "کرائی", "کروایا", "کروائی"),  # to cause to do
    "ظاہر کرنا": ("ظاہر کیا", "ظاہر کی", "ظاہر کئے", "ظاہر کیے"),  # to express
    "پیش کرنا": ("پیش کیا", "پیش کی", "پیش کئے"),  # to present
    "لگانا": ("لگایا", "لگائی"),  # to apply (الزام لگایا: accused)
    "عائد کرنا": ("عائد کیا", "عائد کی"),  # to lay (الزام عائد کیا: accused)
    "اٹھانا": ("اٹھایا", "اٹھائی"),  # to raise (سوال اٹھایا)
    "اختیار کرنا": ("اختیار کیا", "اختیار کی"),  # to adopt (موقف اختیار کیا: took the position)
    "اپنانا": ("اپنایا", "اپنائی"),  # to adopt
}

REPORTING_VERBS = (
    ReportingVerb("کہا", "", "said", free=True),
    ReportingVerb("کہی", "", "said (feminine object: یہ بات کہی)", free=True),
    ReportingVerb("فرمایا", "", "said (honorific)", free=True),
    ReportingVerb("فرمائی", "", "said (honorific, feminine object)", free=True),
    ReportingVerb("بتایا", "", "told, stated", free=True),
    ReportingVerb("بتائی", "", "told (feminine object)", free=True),
    ReportingVerb("لکھا", "", "wrote (a post, a letter)", free=True),
    ReportingVerb("واضح", "کرنا", "made clear"),
    ReportingVerb("وضاحت", "کرنا", "explained"),
    ReportingVerb("اعلان", "کرنا", "announced"),
    ReportingVerb("تاکید", "کرنا", "emphasised", "proposal"),
    ReportingVerb("زور", "دینا", "stressed, urged", "proposal"),
    ReportingVerb("اعتراف", "کرنا", "acknowledged"),
    ReportingVerb("انکشاف", "کرنا", "revealed"),
    ReportingVerb("تصدیق", "کرنا", "confirmed"),
    ReportingVerb("تردید", "کرنا", "denied", "denial"),
    ReportingVerb("امید", "ظاہر کرنا", "expressed the hope"),
    ReportingVerb("توقع", "ظاہر کرنا", "expressed the expectation"),
    ReportingVerb("خیال", "ظاہر کرنا", "expressed the view"),
    ReportingVerb("خدشہ", "ظاہر کرنا", "expressed the fear", "warning"),
    ReportingVerb("عزم", "ظاہر کرنا", "expressed the resolve", "commitment"),
    ReportingVerb("یقین", "دلانا", "assured", "commitment"),
    ReportingVerb("یقین دہانی", "کرانا", "gave an assurance", "commitment"),
    ReportingVerb("خبردار", "کرنا", "warned", "warning"),
    ReportingVerb("انتباہ", "کرنا", "warned", "warning"),
    ReportingVerb("متنبہ", "کرنا", "cautioned", "warning"),
    ReportingVerb("مطالبہ", "کرنا", "demanded", "demand"),
    ReportingVerb("درخواست", "کرنا", "requested", "proposal"),
    ReportingVerb("اپیل", "کرنا", "appealed", "demand"),
    ReportingVerb("تجویز", "پیش کرنا", "proposed", "proposal"),
    ReportingVerb("تجویز", "دینا", "suggested", "proposal"),
    ReportingVerb("تجویز", "کرنا", "proposed", "proposal"),
    ReportingVerb("پیشکش", "کرنا", "offered", "commitment"),
    ReportingVerb("دعوی", "کرنا", "claimed"),
    ReportingVerb("دعویٰ", "کرنا", "claimed"),
    ReportingVerb("الزام", "عائد کرنا", "accused"),
    ReportingVerb("الزام", "لگانا", "accused"),
    ReportingVerb("اعادہ", "کرنا", "reiterated"),
    ReportingVerb("یاد", "دلانا", "reminded"),
    ReportingVerb("نشاندہی", "کرنا", "pointed out"),
    ReportingVerb("اصرار", "کرنا", "insisted"),
    ReportingVerb("اتفاق", "کرنا", "agreed"),
    ReportingVerb("فیصلہ", "کرنا", "decided", "commitment"),
    ReportingVerb("سوال", "اٹھانا", "asked (raised the question)"),
    ReportingVerb("اظہار", "کرنا", "expressed (N کا اظہار کیا کہ: expressed N that)"),
    ReportingVerb("یقین", "ظاہر کرنا", "expressed the confidence"),
    ReportingVerb("رائے", "ظاہر کرنا", "gave the opinion"),
    ReportingVerb("بیان", "دینا", "stated"),
    ReportingVerb("اطلاع", "دینا", "informed"),
    ReportingVerb("آگاہ", "کرنا", "informed"),
    ReportingVerb("عندیہ", "دینا", "indicated"),
    ReportingVerb("وعدہ", "کرنا", "promised", "commitment"),
    ReportingVerb("عزم", "کرنا", "resolved", "commitment"),
    ReportingVerb("دھمکی", "دینا", "threatened", "warning"),
    ReportingVerb("تسلیم", "کرنا", "acknowledged"),
    ReportingVerb("شکایت", "کرنا", "complained"),
    ReportingVerb("شکوہ", "کرنا", "complained"),
    ReportingVerb("پیش گوئی", "کرنا", "predicted"),
    ReportingVerb("ٹویٹ", "کرنا", "tweeted"),
    ReportingVerb("ٹوئٹ", "کرنا", "tweeted"),
    ReportingVerb("موقف", "اختیار کرنا", "took the position"),
    ReportingVerb("موقف", "اپنانا", "took the position"),
)

# The verbs of saying whose content may follow with no کہ, colon or quotation at all:
# "انہوں نے کہا فلسطینی عوام ..." (the others need one of those: "X نے خط لکھا جس میں").
BARE_CONTENT_VERBS = ("کہا", "فرمایا")
# ... but not when the verb goes on ("کہا جا رہا ہے": it is being said) or is one of two verbs
# ("X نے کہا اور چلے گئے").
NOT_CONTENT = {
    "جا": "(passive: کہا جا رہا ہے)",
    "جاتا": "(passive: کہا جاتا ہے)",
    "جاتی": "(passive)",
    "جاتے": "(passive)",
    "جائے": "(passive)",
    "اور": "and",
    "لیکن": "but",
    "مگر": "but",
    "تو": "then",
}

# Auxiliaries that may stand between the verb and کہ: "کہا ہے کہ", "فرمایا تھا کہ".
AUXILIARIES = ("ہے", "ہیں", "تھا", "تھی", "تھے", "ہو", "ہوں")
# The passive marker after a verb of saying: "کہا گیا کہ" (it was said), no ergative subject.
PASSIVE = ("گیا", "گئی", "گئے", "گئیں")

# Verbal nouns that report speech with a genitive subject: "X کا کہنا تھا کہ" (X's saying was
# that), "X کا موقف ہے کہ" (X's position is that).
GENITIVE_REPORTING = {
    "کہنا": "saying (X کا کہنا تھا کہ: X said that)",
    "موقف": "position (X کا موقف ہے کہ)",
    "خیال": "view (X کا خیال ہے کہ: X thinks that)",
    "دعوی": "claim (X کا دعوی ہے کہ)",
    "اصرار": "insistence (X کا اصرار تھا کہ)",
    "ماننا": "believing (X کا ماننا ہے کہ: X believes that)",
}
# The imperfective "X کہتے ہیں کہ" (X says that) has no ergative: its subject is nominative.
IMPERFECTIVE_SAYING = ("کہتے", "کہتی", "کہتا")
# Words between the genitive or نے and the verb that belong to neither subject nor content.
ADDITIVE = {"مزید": "further, added", "بھی": "also", "نیز": "moreover"}

# "X کے مطابق C" (according to X), "X کے بقول C" / "بقول X، C" (in X's words).
ACCORDING_TO = {"مطابق": "according to (after کے)", "بقول": "in the words of"}

# Postpositions the constructions are built with.
IN = "میں"  # in: "بیان میں کہا گیا", "اس ملاقات میں"
FROM = "سے"  # from, with: "X سے جاری بیان", "X سے ملاقات"
SIDE = {"جانب": "side (X کی جانب سے: on X's behalf)", "طرف": "side (X کی طرف سے)"}
OBLIQUE_GENITIVE = "کے"  # "X کے مطابق", "X کے درمیان"

# ---------------------------------------------------------------------------------------------
# Passive and institutional voices.

# Documents whose owner is the speaker: "دفتر خارجہ کے بیان میں کہا گیا", "بیان کے مطابق".
DOCUMENTS = {
    "بیان": "statement",
    "بیانات": "statements",
    "اعلامیہ": "declaration, communiqué",
    "اعلامیے": "declaration (oblique)",
    "اعلامیئے": "declaration (oblique, other spelling)",
    "پیغام": "message",
    "خط": "letter",
    "مراسلہ": "letter, note",
    "پریس ریلیز": "press release",
    "ٹویٹ": "tweet",
    "پوسٹ": "post",
    "رپورٹ": "report",
    "قرارداد": "resolution",
    "اعلان": "announcement",
}
JOINT = {"مشترکہ": "joint (a joint statement speaks for all the participants)"}
# "X سے جاری بیان", "X کی جانب سے جاری بیان": a statement issued by X.
ISSUED = {"جاری": "issued (X سے جاری بیان)", "جانب": "side (X کی جانب سے: from X)", "طرف": "side"}
# Gatherings whose declaration speaks for their participants: "اجلاس کے اعلامیے میں".
GATHERINGS = {
    "اجلاس": "session, summit",
    "سربراہی اجلاس": "summit",
    "کانفرنس": "conference",
    "ملاقات": "meeting",
    "مذاکرات": "talks",
    "بات چیت": "talks",
    "اجلاسوں": "sessions",
}

# The head of a subject that names no one: "حکام کا کہنا ہے", "سفارتی ذرائع کے مطابق".
UNNAMED = {
    "ذرائع": "sources",
    "حکام": "officials, authorities",
    "عہدیدار": "official",
    "عہدیداروں": "officials (oblique)",
    "عہدیداران": "officials",
    "اہلکار": "official, functionary",
    "اہلکاروں": "officials (oblique)",
    "افسران": "officers",
    "افسروں": "officers (oblique)",
    "سفارتکاروں": "diplomats (oblique)",
    "ماہرین": "experts",
    "مبصرین": "observers",
    "تجزیہ کاروں": "analysts",
    "تجزیہ نگاروں": "analysts",
    "عینی شاہدین": "eyewitnesses",
}

# News agencies, papers, channels and reporters: "X کے مطابق" then names the source of the
# report, not a speaker. Agencies by name, and the words that make a phrase a medium.
NEWS_AGENCIES = {
    "اے پی پی": "APP (Associated Press of Pakistan)",
    "اے پی": "AP",
    "ایسوسی ایٹڈ پریس": "Associated Press",
    "رائٹرز": "Reuters",
    "روئٹرز": "Reuters (other spelling)",
    "رائیٹرز": "Reuters (other spelling)",
    "اے ایف پی": "AFP",
    "ارنا": "IRNA",
    "ایرنا": "IRNA (other spelling)",
    "شنہوا": "Xinhua",
    "ژنہوا": "Xinhua (other spelling)",
    "پی ٹی آئی": "PTI (Press Trust of India); also a party: only a medium before کے مطابق",
    "یو این آئی": "UNI (United News of India)",
    "اے این آئی": "ANI",
    "آئی آر آئی بی": "IRIB",
    "بی بی سی": "BBC",
    "وائس آف امریکہ": "Voice of America",
    "الجزیرہ": "Al Jazeera",
    "تسنیم": "Tasnim",
    "آن لائن": "Online (agency)",
    "این این آئی": "NNI (agency)",
    "ڈان": "Dawn",
}
MEDIA_WORDS = {
    "خبر رساں": "news (خبر رساں ادارہ: news agency)",
    "ایجنسی": "agency",
    "اخبار": "newspaper",
    "اخبارات": "newspapers",
    "ٹی وی": "television",
    "چینل": "channel",
    "ریڈیو": "radio",
    "نامہ نگار": "correspondent",
    "رپورٹر": "reporter",
    "میڈیا": "media",
    "ذرائع ابلاغ": "the media",
    "اطلاع": "report, news (موصولہ اطلاع)",
    "اطلاعات": "reports",
    "ویب سائٹ": "website",
    "نیوز": "news",
}

# ---------------------------------------------------------------------------------------------
# The subject noun phrase: what a speaker's name is built from.

# Offices and titles (the head of a role phrase).
ROLES = {
    "صدر": "president",
    "صدر مملکت": "president (head of state)",
    "صدور": "presidents",
    "وزیر اعظم": "prime minister",
    "وزیر": "minister",
    "وزرا": "ministers",
    "وزراء": "ministers",
    "وزرائے": "ministers (of)",
    "وزیر مملکت": "minister of state",
    "وزیر اعلی": "chief minister",
    "وزیر اعلیٰ": "chief minister",
    "نائب": "deputy",
    "ترجمان": "spokesperson",
    "سفیر": "ambassador",
    "سفرا": "ambassadors",
    "مندوب": "envoy, representative",
    "مستقل مندوب": "permanent representative",
    "نمائندہ": "representative",
    "نمائندے": "representative (oblique)",
    "نمائندہ خصوصی": "special representative",
    "ایلچی": "envoy",
    "سیکرٹری": "secretary",
    "سیکریٹری": "secretary",
    "سکریٹری": "secretary",
    "سیکرٹری جنرل": "secretary-general",
    "سیکریٹری جنرل": "secretary-general",
    "سکریٹری جنرل": "secretary-general",
    "انڈر سیکرٹری جنرل": "under-secretary-general",
    "ڈائریکٹر جنرل": "director general",
    "ڈائریکٹر": "director",
    "سربراہ": "head",
    "ولی عہد": "crown prince",
    "امیر": "emir",
    "فرمانروا": "ruler, king",
    "بادشاہ": "king",
    "رہبر": "leader",
    "رہبر انقلاب": "leader of the revolution",
    "رہنما": "leader",
    "رہنماؤں": "leaders (oblique)",
    "قائد": "leader",
    "مشیر": "adviser",
    "معاون خصوصی": "special assistant",
    "کمانڈر": "commander",
    "چیف": "chief",
    "آرمی چیف": "army chief",
    "گورنر": "governor",
    "چانسلر": "chancellor",
    "چیئرمین": "chairman",
    "اسپیکر": "speaker (of a parliament)",
    "سپیکر": "speaker (of a parliament)",
    "ہائی کمشنر": "high commissioner",
    "قونصل جنرل": "consul general",
    "سفارتکار": "diplomat",
    "تجزیہ کار": "analyst",
    "ماہر": "expert",
    "ہم منصب": "counterpart",
    "اٹارنی جنرل": "attorney general",
}
# Offices in the plural name several people, never one participant ("پاک بھارت وزرائے خارجہ").
PLURAL_ROLES = ("وزرا", "وزراء", "وزرائے", "صدور", "سفرا", "رہنماؤں")

# Words that qualify an office without being one: "نگران وزیراعظم", "وفاقی وزیر", "سابق صدر".
ROLE_MODIFIERS = {
    "نگران": "caretaker",
    "وفاقی": "federal",
    "نومنتخب": "newly elected",
    "منتخب": "elected",
    "سابق": "former",
    "سابقہ": "former",
    "موجودہ": "current",
    "قائم مقام": "acting",
    "عبوری": "interim",
    "اعلی": "high, senior",
    "سینئر": "senior",
    "ڈپٹی": "deputy",
    "ایڈیشنل": "additional",
    "جوائنٹ": "joint",
    "خصوصی": "special",
    "میزبان": "host",
    "معظم": "revered (رہبر معظم)",
    "محترم": "respected",
}
# The office's field after a title: "وزیر خارجہ", "سیکرٹری خارجہ", "وزیر تجارت", "برائے X".
PORTFOLIOS = {
    "خارجہ": "foreign affairs",
    "امور خارجہ": "foreign affairs",
    "خارجہ امور": "foreign affairs",
    "امور": "affairs",
    "داخلہ": "interior",
    "دفاع": "defence",
    "خزانہ": "finance",
    "تجارت": "commerce",
    "اطلاعات": "information",
    "قانون": "law",
    "انصاف": "justice",
    "تعلیم": "education",
    "صحت": "health",
    "توانائی": "energy",
    "پٹرولیم": "petroleum",
    "منصوبہ بندی": "planning",
    "مذہبی امور": "religious affairs",
    "اقتصادی امور": "economic affairs",
    "سیاسی امور": "political affairs",
    "مملکت": "state",
    "انقلاب": "revolution (رہبر انقلاب)",
    "اسلامی": "Islamic (رہبر انقلاب اسلامی)",
    "برائے": "for (an office's field: نمائندہ خصوصی برائے افغانستان)",
    "عملہ": "staff",
    "خارجہ پالیسی": "foreign policy",
    "قومی سلامتی": "national security",
}
# Honorifics and ranks before a name; not part of the bare name.
HONORIFICS = {
    "ڈاکٹر": "Dr",
    "مسٹر": "Mr",
    "مسز": "Mrs",
    "مس": "Ms",
    "محترمہ": "Ms (respectful)",
    "جناب": "Mr (respectful)",
    "حضرت": "his holiness",
    "آیت اللہ": "ayatollah",
    "آیت اللہ العظمی": "grand ayatollah",
    "آیت اللہ العظمیٰ": "grand ayatollah",
    "العظمی": "grand (ayatollah)",
    "حجت الاسلام": "hojatoleslam",
    "والمسلمین": "(hojatoleslam) wal-muslimin",
    "حجت الاسلام والمسلمین": "hojatoleslam wal-muslimin",
    "شہزادہ": "prince",
    "شیخ": "sheikh",
    "سید": "sayyid",
    "مخدوم": "makhdoom",
    "میاں": "mian",
    "علامہ": "allama",
    "مولانا": "maulana",
    "پروفیسر": "professor",
    "سینیٹر": "senator",
    "جنرل": "general",
    "لیفٹیننٹ": "lieutenant",
    "لیفٹیننٹ جنرل": "lieutenant general",
    "میجر": "major",
    "میجر جنرل": "major general",
    "بریگیڈیئر": "brigadier",
    "کرنل": "colonel",
    "ایڈمرل": "admiral",
    "ائیر مارشل": "air marshal",
    "ریٹائرڈ": "retired",
}
# Heads that make a subject an organisation: "دفتر خارجہ نے", "وزارت خارجہ کا کہنا".
ORGANISATIONS = {
    "وزارت": "ministry",
    "وزارت خارجہ": "foreign ministry",
    "دفتر خارجہ": "foreign office",
    "محکمہ خارجہ": "state department",
    "دفتر": "office",
    "محکمہ": "department",
    "حکومت": "government",
    "کابینہ": "cabinet",
    "پارلیمنٹ": "parliament",
    "پارلیمان": "parliament",
    "سفارتخانہ": "embassy",
    "سفارتخانے": "embassy (oblique)",
    "سفارت خانہ": "embassy",
    "سفارت خانے": "embassy (oblique)",
    "ہائی کمیشن": "high commission",
    "قونصل خانہ": "consulate",
    "کمیشن": "commission",
    "کونسل": "council",
    "سلامتی کونسل": "security council",
    "فوج": "army",
    "کریملن": "the Kremlin",
    "وائٹ ہاؤس": "the White House",
    "پینٹاگون": "the Pentagon",
    "ایوان صدر": "the presidency",
    "وزیراعظم ہاؤس": "the prime minister's house",
    "وزیر اعظم ہاؤس": "the prime minister's house",
    "وزیراعظم آفس": "the prime minister's office",
    "وزیر اعظم آفس": "the prime minister's office",
    "وزیراعظم سیکرٹریٹ": "the prime minister's secretariat",
    "پی ایم او": "PMO (prime minister's office)",
    "آئی ایس پی آر": "ISPR (the army's press wing)",
    "تنظیم": "organisation",
    "ادارہ": "institution",
}
# A pair that speaks jointly: "دونوں رہنماؤں نے", "دونوں وزرائے خارجہ نے", "فریقین نے".
GROUP_WORDS = {
    "دونوں": "both",
    "فریقین": "both sides",
    "شرکا": "participants",
    "شرکاء": "participants",
}

# Words that are never a speaker's name on their own (a subject of "یہ کہنا غلط ہے" is no one).
NOT_NAMES = ("یہ", "اس", "ان", "جو", "وہ", "کوئی", "سب")

# Words that end a subject noun phrase on its left (read leftwards from نے): postpositions,
# conjunctions, verbs and auxiliaries, adverbials of time and discourse. `اس موقع پر` and `اس
# ملاقات میں` end at their postposition; the multi-word adverbials are below.
SUBJECT_STOPS = {
    "میں": "in",
    "پر": "on, at",
    "کو": "to (also: on a day)",
    "سے": "from, with",
    "تک": "until",
    "نے": "(ergative)",
    "کہ": "that",
    "لیے": "for",
    "لئے": "for",
    "دوران": "during",
    "بعد": "after",
    "قبل": "before",
    "پہلے": "before",
    "تحت": "under",
    "ذریعے": "through",
    "بجائے": "instead of",
    "مطابق": "according to",
    "بقول": "in the words of",
    "جبکہ": "whereas",
    "جب": "when",
    "تاہم": "however",
    "لیکن": "but",
    "مگر": "but",
    "بلکہ": "but rather",
    "البتہ": "however",
    "تو": "then",
    "اگر": "if",
    "کیونکہ": "because",
    "چنانچہ": "therefore",
    "ادھر": "meanwhile (over there)",
    "آج": "today",
    "کل": "yesterday, tomorrow",
    "یہاں": "here",
    "وہاں": "there",
    "بھی": "also",
    "مزید": "further",
    "ہے": "is",
    "ہیں": "are",
    "تھا": "was",
    "تھی": "was",
    "تھے": "were",
    "گا": "will",
    "گی": "will",
    "گے": "will",
    "ہوا": "happened",
    "ہوئی": "happened",
    "گیا": "went (passive)",
    "گئی": "went (passive)",
    "گئے": "went (passive)",
    "کیا": "did",
    "دیا": "gave",
    "لیا": "took",
    "روز": "day (گزشتہ روز)",
    "بات": "the thing said (یہ بات X نے کہی)",
    "نیز": "moreover",
}
# Multi-word adverbials that end a subject on the left ("دوسری جانب X نے" = "meanwhile X").
SUBJECT_STOP_PHRASES = {
    "دوسری جانب": "on the other hand, meanwhile",
    "دوسری طرف": "on the other hand",
    "دریں اثنا": "meanwhile",
    "دریں اثناء": "meanwhile",
    "بعد ازاں": "later",
    "قبل ازیں": "earlier",
    "علاوہ ازیں": "besides",
    "اس کے علاوہ": "besides",
    "اس موقع": "on this occasion (with پر)",
    "گزشتہ روز": "yesterday",
    "آج شام": "this evening (not Syria)",
    "کل شام": "yesterday/tomorrow evening",
    "گذشتہ روز": "yesterday",
    "اسی طرح": "likewise",
}
# Participles that open a relative modifier before the subject ("نئی دہلی میں موجود وزیر"
# = "the minister, present in New Delhi"): not part of the name.
RELATIVE_PARTICIPLES = {
    "موجود": "present (in)",
    "تعینات": "posted (in)",
    "مقیم": "resident (in)",
    "متعین": "posted (in)",
    "وابستہ": "affiliated (with)",
    "منسلک": "attached (to)",
    "شریک": "taking part (in)",
}
# Days and parts of the day: time adverbials, never a name ("منگل کو", "جمعرات کی شب").
TIME_WORDS = {
    "پیر": "Monday",
    "منگل": "Tuesday",
    "بدھ": "Wednesday",
    "جمعرات": "Thursday",
    "جمعہ": "Friday",
    "ہفتہ": "Saturday (also: week)",
    "ہفتے": "Saturday (oblique)",
    "سنیچر": "Saturday",
    "اتوار": "Sunday",
    "صبح": "morning",
    "رات": "night",
    "شب": "night",
    "سہ پہر": "afternoon",
    "دوپہر": "noon",
    "گزشتہ": "last",
    "گذشتہ": "last",
    "رواں": "current (رواں ہفتے)",
    "آئندہ": "next",
}
# Function words a name never ends on: a line ending in one of these was wrapped mid-sentence.
CONTINUING_WORDS = (
    "کا", "کی", "کے", "نے", "کو", "سے", "میں", "پر", "تک", "اور", "کہ", "و", "یا", "جو", "جس",
    "جن", "ان", "اس", "ایک", "بھی", "لئے", "لیے", "ساتھ", "بعد", "دو", "جبکہ", "تاہم", "لیکن",
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Clauses: where one report ends and the next begins.

# Conjunctions and adverbials that join two clauses of a comma-spliced sentence. A claim ends
# at a comma before one of them when a new subject reports (or acts) after it:
# "X نے کہا کہ C1، جبکہ Y نے کہا کہ C2", "... C1،تاہم انہوں نے سوالات نہیں لیے".
CLAUSE_JOINERS = {
    "جبکہ": "whereas",
    "تاہم": "however",
    "لیکن": "but",
    "مگر": "but",
    "البتہ": "however",
    "ادھر": "meanwhile",
    "دوسری جانب": "on the other hand",
    "دوسری طرف": "on the other hand",
    "دریں اثنا": "meanwhile",
    "دریں اثناء": "meanwhile",
    "علاوہ ازیں": "besides",
    "اور": "and",
}
# After a comma, the reporter goes on with narrative and the claim has ended: "، جبکہ" when a
# new subject acts in its clause (whereas Y did ...), and "، جس کے بعد" (after which).
WHEREAS = ("جبکہ",)
SEQUELS = ("جس کے بعد", "جس کے نتیجے میں")

# The reporter's background, no claim of its own: "واضح رہے کہ ...", "یاد رہے کہ ...".
BACKGROUND = {"واضح رہے": "it should be noted", "یاد رہے": "remember that"}

# The speaker named after the content: "C، یہ بات X نے ... کہی" and "ان خیالات کا اظہار X نے
# ... کیا" carry no content of their own: X is the speaker of the content before them.
SPEAKER_AFTER = {
    "یہ بات": "this (the thing said): یہ بات X نے کہی",
    "یہی بات": "this same thing",
    "ان خیالات کا اظہار": "these views were voiced: ان خیالات کا اظہار X نے کیا",
    "انہی خیالات کا اظہار": "these same views were voiced",
    "ان خیالات کا اظہار بھی": "these views too were voiced",
}
SPEAKER_AFTER_VERBS = ("کہی", "بتائی", "فرمائی", "کیا", "کی", "کئے", "کیے")  # said / voiced

# An interview printed as questions and answers: "سوال: ..." (the interviewer's, no claim),
# "جواب: ..." (the interviewee's words: each sentence a claim). The interviewee is the one the
# title names with انٹرویو/گفتگو ("X کا خصوصی انٹرویو", "X سے خصوصی گفتگو").
QUESTION = "سوال"
ANSWER = "جواب"
INTERVIEW_WORDS = {"انٹرویو": "interview", "گفتگو": "conversation", "بات چیت": "talk"}

# ---------------------------------------------------------------------------------------------
# Participial frames: "X نے N کو Y قرار دیتے ہوئے کہا کہ C".

# A frame ends in an imperfective participle + ہوئے ("while doing").
FRAME_PARTICIPLES = (
    "کرتے", "دیتے", "رکھتے", "لیتے", "سراہتے", "دلاتے", "لگاتے", "کہتے", "بتاتے", "جاتے",
    "ہوتے", "اٹھاتے", "پیش کرتے",
)  # fmt: skip
FRAME_ENDINGS = ("ہوئے", "ہوۓ", "ہوے")  # folds: ہوئے -> ہویے, ہوۓ -> ہوے


@dataclass(frozen=True)
class Frame:
    words: str  # the words that end the frame, before its participle ("قرار" + "دیتے ہوئے")
    meaning: str
    kind: str = "evaluation"  # the claim kind of an evaluative frame's content


# Evaluative frames: each is a claim of its own (the speaker's evaluation).
EVALUATIVE_FRAMES = (
    Frame("قرار", "declaring (X to be Y)"),
    Frame("تعریف", "praising"),
    Frame("سراہتے", "commending"),
    Frame("ستائش", "commending"),
    Frame("مذمت", "condemning"),
    Frame("تنقید", "criticising"),
    Frame("خیرمقدم", "welcoming"),
    Frame("خیر مقدم", "welcoming"),
    Frame("حمایت", "supporting"),
    Frame("مخالفت", "opposing"),
    Frame("مسترد", "rejecting"),
    Frame("تردید", "denying", "denial"),
    Frame("تاکید", "emphasising"),
    Frame("زور", "stressing"),
    Frame("اظہار", "expressing (concern, joy, grief)"),
    Frame("شکریہ ادا", "thanking"),
    Frame("اشارہ", "referring to"),
    Frame("ذکر", "mentioning"),
    Frame("یاد دلاتے", "reminding"),
    Frame("خبردار", "warning", "warning"),
    Frame("مطالبہ", "demanding", "demand"),
    Frame("یقین دلاتے", "assuring", "commitment"),
    Frame("الزام لگاتے", "accusing"),
    Frame("الزام عائد", "accusing"),
    Frame("اعتراف", "acknowledging"),
    Frame("افسوس", "regretting"),
    Frame("تشویش", "worrying about"),
    Frame("اعلان", "announcing"),
    Frame("وضاحت", "explaining"),
    Frame("نشاندہی", "pointing out"),
    Frame("اعادہ", "reiterating"),
    Frame("تجویز", "proposing", "proposal"),
    Frame("اپیل", "appealing", "demand"),
)
# Circumstantial frames: the setting of the report, never a claim ("میڈیا سے گفتگو کرتے ہوئے").
CIRCUMSTANTIAL_FRAMES = (
    Frame("خطاب", "addressing"),
    Frame("گفتگو", "talking (to)"),
    Frame("بات چیت", "talking (to)"),
    Frame("بات", "speaking"),
    Frame("ملاقات", "meeting"),
    Frame("پریس کانفرنس", "holding a press conference"),
    Frame("نیوز کانفرنس", "holding a news conference"),
    Frame("بریفنگ دیتے", "briefing"),
    Frame("بریفنگ", "briefing"),
    Frame("انٹرویو دیتے", "giving an interview"),
    Frame("انٹرویو", "in an interview"),
    Frame("صدارت", "chairing"),
    Frame("شرکت", "attending"),
    Frame("استقبال", "receiving"),
    Frame("میزبانی", "hosting"),
    Frame("دورہ", "visiting"),
    Frame("ٹیلی فون", "telephoning"),
    Frame("ٹیلیفون", "telephoning"),
    Frame("رابطہ", "contacting"),
    Frame("جواب دیتے", "answering"),
    Frame("ٹویٹ", "tweeting"),
    Frame("رخصت", "seeing off"),
    Frame("تقریر", "giving a speech"),
    Frame("افتتاح", "inaugurating"),
    Frame("اجلاس", "in a session"),
    Frame("مذاکرات", "negotiating"),
)
# A frame neither list knows: circumstantial when its object is marked by سے (the interlocutor:
# "X سے تبادلہ خیال کرتے ہوئے"), evaluative otherwise ("N کی پذیرائی کرتے ہوئے").
INTERLOCUTOR = "سے"
# The setting a report happened in, skipped before a frame's content: a demonstrative, a word
# of a meeting, talk or occasion, then میں ("اس ٹیلیفونی گفتگو میں", "ایک علاحدہ پریس کانفرنس
# میں"); the words of the circumstantial frames and gatherings count too. Not when a relative
# clause follows ("اس ملاقات میں کہ جو ...").
DEMONSTRATIVES = {"اس": "this", "ان": "these", "ایک": "a, one"}
SETTINGS = {
    "موقع": "occasion (اس موقع پر)",
    "تقریب": "ceremony",
    "ٹیلیفونی": "telephonic",
    "ٹیلیفونک": "telephonic",
    "گفتگو": "conversation",
    "دورے": "visit (oblique)",
}
RELATIVE_WORDS = {
    "کہ": "that, which",
    "جو": "who, which",
    "جس": "which",
    "جن": "whom",
    "جسے": "whom",
}
ON_THIS_OCCASION = "اس موقع پر"  # on this occasion

# Words that join two frames ("... کرتے ہوئے اور ... کرتے ہوئے") and belong to neither.
FRAME_JOINERS = ("اور", "نیز", "بھی", "و")

# ---------------------------------------------------------------------------------------------
# Kinds.


@dataclass(frozen=True)
class KindCue:
    words: tuple[str, ...]  # the claim's last words (or any words, with anywhere=True)
    kind: str
    meaning: str
    anywhere: bool = False


# The kind of a claim follows from these cues, first match wins; the default is "assertion"
# (the verb of saying may give a kind first: ReportingVerb.kind). Commitments need a
# first-person word in the claim (the speaker's own side).
KIND_CUES = (
    KindCue(("بے", "بنیاد"), "denial", "baseless", anywhere=True),
    KindCue(("بےبنیاد",), "denial", "baseless", anywhere=True),
    KindCue(("سنگین", "نتائج"), "warning", "serious consequences", anywhere=True),
    KindCue(("پابند", "ہیں"), "commitment", "(we) are bound to", anywhere=True),
    KindCue(("وعدہ", "کرتے"), "commitment", "(we) promise", anywhere=True),
    KindCue(("کریں", "گے"), "commitment", "we will (not) do"),
    KindCue(("کرینگے",), "commitment", "we will do"),
    KindCue(("گے",), "commitment", "(we) will"),
    KindCue(("کیا", "جائے"), "proposal", "should be done"),
    KindCue(("جائے",), "proposal", "should be (passive subjunctive)"),
    KindCue(("چاہیے",), "proposal", "ought to"),
    KindCue(("چاہئے",), "proposal", "ought to"),
    KindCue(("چاہیئے",), "proposal", "ought to"),
    KindCue(("چاہئیں",), "proposal", "ought to (plural)"),
    KindCue(("چاہییں",), "proposal", "ought to (plural)"),
    KindCue(("کریں",), "proposal", "let (us/them) do"),
)

# First-person words that make a future or obligation a commitment of the speaker's side; a
# claim in the future tense whose subject is a country ("پاکستان ... کرے گا") is one too.
# ("میں", "I", is left out: it is far more often the postposition "in".)
FIRST_PERSON = ("ہم", "ہمیں", "ہمارا", "ہماری", "ہمارے", "مجھے", "میرا", "میری", "میرے")
FUTURE = ("گا", "گی", "گے", "ہوگا", "ہوگی", "ہونگے", "گئیں")  # will

# ---------------------------------------------------------------------------------------------
# Document layout.

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

# Words of a meeting title or first sentence that link its participants: "X سے Y کی ملاقات",
# "X اور Y کی ملاقات", "X کی Y سے ملاقات", "X اور Y کے درمیان ملاقات", "X کا Y سے رابطہ";
# each with the genitive that agrees with it (ملاقات is feminine: "X کی ... ملاقات";
# مذاکرات masculine plural: "X کے ... مذاکرات"; رابطہ masculine: "X کا ... رابطہ").
MEETING_WORDS = {
    "ملاقات": "کی", "ملاقاتیں": "کی", "بات چیت": "کی", "گفتگو": "کی", "مذاکرات": "کے",
    "رابطہ": "کا", "ٹیلیفونک رابطہ": "کا", "ٹیلی فونک رابطہ": "کا", "پریس کانفرنس": "کی",
    "بات": "کی",
}  # fmt: skip
BETWEEN = ("درمیان", "مابین")  # "X اور Y کے درمیان ملاقات": between
VISITS = ("دورہ", "دورۂ", "دورے")  # a visit: "X کا دورۂ امریکہ" (X is the guest)
# "X نے Y سے ملاقات کی", "X اور Y نے ٹیلی فون پر گفتگو کی": a meeting told in a sentence.
MEETING_VERBS = ("کی", "کیا", "کئے", "کیے", "ہوئی", "ہوا", "ہوئے")
# Joiners of participants: "X اور Y" (two people); "و" joins two offices of one person
# ("نائب وزیراعظم و وزیر خارجہ اسحاق ڈار") and two people only when both are named.
AND = ("اور",)
AND_OFFICES = ("و",)

# Sentence ends, clause marks and quotation marks as Urdu copy writes them.
SENTENCE_ENDS = "۔؟!?"
CLAUSE_MARKS = "،,؛;"
QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»", "‘": "’", "'": "'", "„": "“"}

# Words written joined to the next in web copy, as (first, second) when both are whole words
# of the reporting constructions ("کاکہنا" = "کا کہنا", "کہاکہ" = "کہا کہ"): the tokenizer splits
# a token that is exactly a first word followed by a second.
GLUED_FIRST = (
    "کا", "کی", "کے", "نے", "کہا", "کہنا", "بتایا", "فرمایا", "کرتے", "دیتے", "ان", "ہے",
    "تھا", "کہ", "واضح", "اعلان", "زور", "مطالبہ",
)  # fmt: skip
GLUED_SECOND = (
    "کہنا", "کہا", "کہ", "تھا", "ہے", "تھی", "ہوئے", "ہوۓ", "بتایا", "فرمایا", "کا", "کے",
    "مطابق", "بقول", "کیا", "دیا", "کی",
)  # fmt: skip
