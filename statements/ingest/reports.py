"""Reporting constructions in a sentence, and where the content each one reports begins and ends.

A sentence may hold several reports, each with its own subject and verb of saying, and narrative
between them that belongs to none; a claim ends where its reported content ends. The
constructions (words in lexicon.py):

- reported speech: SUBJECT نے [FRAMES] VERB [AUX] (کہ | : | ، | "..." | content): "X نے کہا کہ C"
- genitive: SUBJECT کا [مزید] کہنا [AUX] (کہ | :): "X کا کہنا تھا کہ C"
- imperfective: SUBJECT کہتے [AUX] کہ: "وہ کہتے ہیں کہ C"
- according to: SUBJECT کے مطابق / کے بقول C, بقول SUBJECT، C; a news agency there names the
  report's source, not a speaker; a report with its own subject and verb inside wins
  ("سرکاری بیان کے مطابق X نے کہا کہ C": C is X's)
- passive statement: DOCUMENT میں [مزید] VERB گیا [AUX] کہ C ("مشترکہ بیان میں کہا گیا کہ")
- direct quotation with the speaker after it: «C»، X نے بتایا۔
- the speaker after the content: C، یہ بات X نے ... کہی۔ / ان خیالات کا اظہار X نے ... کیا۔
- a headline "X: C".

The content runs from after the introducer to the end of the sentence, or of the quotation it
opens, unless a comma splice starts a new report first: a comma (or a joiner such as جبکہ,
تاہم, دوسری جانب) followed by a new subject that reports, or a continuing pronoun
("، ان کا کہنا تھا کہ", "،تاہم انہوں نے سوالات نہیں لیے"). A report nested in the content
without such a break ("X نے کہا کہ Y نے کہا کہ ...") stays inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from statements.ingest import lexicon
from statements.ingest.nps import subject_start
from statements.ingest.tokens import (
    CLAUSE_MARKS,
    OPENING_QUOTES,
    SENTENCE_ENDS,
    Token,
    key,
    quotations,
)

CLAUSE_OR_SENTENCE = CLAUSE_MARKS | SENTENCE_ENDS
CLAUSE_OR_COLON = CLAUSE_MARKS | frozenset(":")


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(key(w) for w in phrase.split())


@dataclass(frozen=True)
class Verb:
    words: tuple[str, ...]
    verb: lexicon.ReportingVerb


@lru_cache(maxsize=1)
def _verbs() -> dict[str, list[Verb]]:
    """First word -> verb phrases (all forms of their light verbs), longest first."""
    out: dict[str, list[Verb]] = {}
    for verb in lexicon.REPORTING_VERBS:
        forms = lexicon.LIGHT_VERBS[verb.light] if verb.light else ("",)
        for form in forms:
            words = _keys(f"{verb.noun} {form}".strip())
            out.setdefault(words[0], []).append(Verb(words, verb))
    for verbs in out.values():
        verbs.sort(key=lambda v: -len(v.words))
    return out


def _set(*tables) -> frozenset[str]:
    return frozenset(key(w) for table in tables for w in table)


ERGATIVE = key(lexicon.ERGATIVE)
COMPLEMENTISER = key(lexicon.COMPLEMENTISER)
GENITIVES = _set(lexicon.GENITIVES)
AUXILIARIES = _set(lexicon.AUXILIARIES)
PASSIVE = _set(lexicon.PASSIVE)
SAYING = _set(lexicon.GENITIVE_REPORTING)
IMPERFECTIVE = _set(lexicon.IMPERFECTIVE_SAYING)
ADDITIVE = _set(lexicon.ADDITIVE)
ACCORDING, IN_WORDS_OF = (key(w) for w in lexicon.ACCORDING_TO)
IN = key(lexicon.IN)
FROM = key(lexicon.FROM)
SIDE = _set(lexicon.SIDE)
OF = key(lexicon.OBLIQUE_GENITIVE)
PRONOUNS = _set(lexicon.CONTINUATION_PRONOUNS)
HONORIFIC_VERBS = _set(lexicon.HONORIFIC_VERBS)
DOCUMENTS = _set(lexicon.DOCUMENTS)
SPEAKER_AFTER = [_keys(p) for p in lexicon.SPEAKER_AFTER]
SPEAKER_AFTER_VERBS = _set(lexicon.SPEAKER_AFTER_VERBS)
JOINERS = sorted((_keys(j) for j in lexicon.CLAUSE_JOINERS), key=len, reverse=True)
FRAME_ENDINGS = _set(lexicon.FRAME_ENDINGS)
FRAME_PARTICIPLES = sorted((_keys(p) for p in lexicon.FRAME_PARTICIPLES), key=len, reverse=True)
FRAME_JOINERS = _set(lexicon.FRAME_JOINERS)
EVALUATIVE = sorted(
    ((_keys(f.words), f) for f in lexicon.EVALUATIVE_FRAMES), key=lambda x: -len(x[0])
)
CIRCUMSTANTIAL = sorted(
    ((_keys(f.words), f) for f in lexicon.CIRCUMSTANTIAL_FRAMES), key=lambda x: -len(x[0])
)
INTERLOCUTOR = key(lexicon.INTERLOCUTOR)
DEMONSTRATIVES = _set(lexicon.DEMONSTRATIVES)
RELATIVES = _set(lexicon.RELATIVE_WORDS)
SETTINGS = (
    frozenset(w for f in lexicon.CIRCUMSTANTIAL_FRAMES for w in _keys(f.words))
    - _set(lexicon.FRAME_PARTICIPLES)
    | frozenset(w for g in lexicon.GATHERINGS for w in _keys(g))
    | _set(lexicon.SETTINGS)
    | _set(lexicon.DOCUMENTS)  # "ایک بیان میں": the statement the words were said in
)
ON_THIS_OCCASION = _keys(lexicon.ON_THIS_OCCASION)
THIS = _set(("یہ",))
COLONS = frozenset(":：")
BARE_CONTENT_VERBS = frozenset(lexicon.BARE_CONTENT_VERBS)
NOT_CONTENT = _set(lexicon.NOT_CONTENT)
WHEREAS = frozenset(_keys(w) for w in lexicon.WHEREAS)
SEQUELS = [_keys(p) for p in lexicon.SEQUELS]


@dataclass
class Frame:
    first: int  # first token of the frame's content
    last: int  # its last token (the participle's ہوئے)
    phrase: int  # first token of the frame's words ("قرار" in "... قرار دیتے ہوئے")
    kind: str


@dataclass
class Report:
    """One reporting construction of a sentence and the content it reports (token indexes)."""

    rule: str  # reported-speech, according-to, passive-statement, direct-quote, ...
    trigger: int  # where it was recognised (its verb, its مطابق, its quotation)
    subject: tuple[int, int] | None  # the subject's tokens, when the sentence names it
    phrase: tuple[int, int]  # the reporting phrase's tokens (verb and auxiliaries)
    content: int  # first token of the content
    end: int = -1  # index after the content (its last token is end - 1)
    verb: lexicon.ReportingVerb | None = None
    frames: list[Frame] = field(default_factory=list)
    target: str = ""  # "previous" for "یہ بات X نے کہی" with the content in earlier sentences
    quoted: bool = False


# -- helpers ----------------------------------------------------------------------------------


def _at(tokens: Sequence[Token], i: int, words: tuple[str, ...]) -> bool:
    n = len(words)
    return i + n <= len(tokens) and all(
        tokens[i + k].word and tokens[i + k].key == words[k] for k in range(n)
    )


def _skip(tokens: Sequence[Token], i: int, hi: int, words: frozenset[str]) -> int:
    while i < hi and tokens[i].word and tokens[i].key in words:
        i += 1
    return i


def _skip_marks(tokens: Sequence[Token], i: int, hi: int, marks=CLAUSE_MARKS) -> int:
    while i < hi and tokens[i].mark(marks):
        i += 1
    return i


def _verb_at(tokens: Sequence[Token], i: int) -> Verb | None:
    if not tokens[i].word:
        return None
    for verb in _verbs().get(tokens[i].key, ()):
        if _at(tokens, i, verb.words):
            return verb
    return None


def _introducer(tokens: Sequence[Token], j: int, hi: int, verb=None) -> int | None:
    """The first content token after a verb (and its auxiliaries) ending at j, or None: after
    کہ (commas before it allowed: "کہا،،کہ") or a colon; for the verbs of saying also after a
    comma or at an opening quotation, and for کہا and فرمایا at the content itself."""
    k = _skip_marks(tokens, j, hi)
    if k < hi and tokens[k].word and tokens[k].key == COMPLEMENTISER:
        return k + 1
    if j < hi and tokens[j].mark(COLONS):
        return _skip_marks(tokens, j + 1, hi, COLONS)
    if verb is None or not verb.free:
        return None
    if k < hi and tokens[k].mark(OPENING_QUOTES):
        return k
    if k < hi and tokens[k].word and (k > j or verb.noun in BARE_CONTENT_VERBS):
        if tokens[k].key in ADDITIVE | AUXILIARIES | PASSIVE | NOT_CONTENT:
            return None
        return k
    return None


def _ergative_before(tokens: Sequence[Token], v: int, lo: int) -> int | None:
    """The nearest نے before the verb at v (no sentence end between)."""
    for i in range(v - 1, lo - 1, -1):
        if tokens[i].word and tokens[i].key == ERGATIVE:
            return i
        if tokens[i].mark(SENTENCE_ENDS):
            return None
    return None


# -- the constructions ------------------------------------------------------------------------


def _reported_speech(tokens, v, lo, hi) -> Report | None:
    verb = _verb_at(tokens, v)
    if verb is None:
        return None
    j = _skip(tokens, v + len(verb.words), hi, AUXILIARIES)
    if j < hi and tokens[j].word and tokens[j].key in PASSIVE:
        return _passive(tokens, v, verb, j, lo, hi)
    content = _introducer(tokens, j, hi, verb.verb)
    if content is None:
        return None
    erg = _ergative_before(tokens, v, lo)
    if erg is None or erg == lo:
        return None
    subject = (subject_start(tokens, erg, lo), erg)
    if subject[0] >= erg:
        return None
    report = Report("reported-speech", v, subject, (v, j), content, verb=verb.verb)
    report.frames, phrase_start = frames(tokens, erg + 1, v)
    if phrase_start < v:
        report.phrase = (phrase_start, j)
    report.frames[:0] = _leading_frames(tokens, lo, subject[0])
    return report


def _leading_frames(tokens, lo, subject) -> list[Frame]:
    """A frame before the subject: "N کا خیرمقدم کرتے ہوئے X نے کہا کہ" (welcoming N, X said)."""
    end = subject
    while end > lo and tokens[end - 1].mark(CLAUSE_MARKS):
        end -= 1
    if end <= lo or tokens[end - 1].key not in FRAME_ENDINGS:
        return []
    start = max((i + 1 for i in range(lo, end) if not tokens[i].word), default=lo)
    found, _ = frames(tokens, start, end)
    return [f for f in found if f.last == end - 1]


def _passive(tokens, v, verb, j, lo, hi) -> Report | None:
    """VERB گیا [AUX] کہ: the speaker is the owner of the statement it was said in."""
    k = _skip(tokens, j + 1, hi, AUXILIARIES)
    content = _introducer(tokens, k, hi)
    if content is None:
        return None
    # "... بیان میں [مزید] [X سے] [FRAMES] کہا گیا": the document before میں, in the clause
    for i in range(v - 1, lo - 1, -1):
        t = tokens[i]
        if t.mark(SENTENCE_ENDS):
            break
        if t.key == IN and i > lo:
            start = subject_start(tokens, i, lo)
            if start < i and any(tokens[x].key in DOCUMENTS for x in range(start, i)):
                report = Report("passive-statement", v, (start, i), (v, k), content, verb=verb.verb)
                report.frames, _ = frames(tokens, i + 1, v)
                return report
        if t.key == FROM and i >= 2 and tokens[i - 1].key in SIDE:
            start = subject_start(tokens, i - 2, lo)  # "X کی جانب سے کہا گیا"
            if start < i - 2:
                return Report(
                    "passive-statement", v, (start, i - 2), (v, k), content, verb=verb.verb
                )
    return None


def _genitive(tokens, i, lo, hi) -> Report | None:
    """X کا [مزید] کہنا [ہے/تھا] (کہ|:)."""
    if not (tokens[i].word and tokens[i].key in SAYING):
        return None
    g = i - 1
    while g > lo and tokens[g].word and tokens[g].key in ADDITIVE:
        g -= 1
    if g <= lo or not (tokens[g].word and tokens[g].key in GENITIVES):
        return None
    j = _skip(tokens, i + 1, hi, THIS)  # "X کا کہنا یہ تھا کہ"
    k = _skip(tokens, j, hi, AUXILIARIES)
    if k == j:
        return None  # "X کا موقف واضح ہے": not this construction
    j = k
    k = _skip_marks(tokens, j, hi)
    if k < hi and tokens[k].word and tokens[k].key == COMPLEMENTISER:
        content = k + 1
    elif j < hi and tokens[j].mark(frozenset(":")):
        content = _skip_marks(tokens, j + 1, hi, frozenset(":"))
    else:
        return None
    start = subject_start(tokens, g, lo)
    if start >= g:
        return None
    return Report("reported-speech", i, (start, g), (g + 1 if g + 1 < i else i, j), content)


def _imperfective(tokens, i, lo, hi) -> Report | None:
    """X کہتے ہیں کہ (X says that)."""
    if not (tokens[i].word and tokens[i].key in IMPERFECTIVE):
        return None
    j = _skip(tokens, i + 1, hi, AUXILIARIES)
    if j == i + 1 or j >= hi or tokens[j].key != COMPLEMENTISER:
        return None
    start = subject_start(tokens, i, lo)
    if start >= i:
        return None
    return Report("reported-speech", i, (start, i), (i, j), j + 1)


def _according(tokens, i, lo, hi) -> Report | None:
    """X کے مطابق C / X کے بقول C / بقول X، C."""
    t = tokens[i]
    if not t.word:
        return None
    if t.key in (ACCORDING, IN_WORDS_OF) and i - 1 > lo and tokens[i - 1].key == OF:
        start = subject_start(tokens, i - 1, lo)
        if start >= i - 1:
            return None
        content = _skip_marks(tokens, i + 1, hi, CLAUSE_OR_COLON)
        return Report("according-to", i, (start, i - 1), (i - 1, i + 1), content)
    if t.key == IN_WORDS_OF and (i == lo or not tokens[i - 1].word):
        end = i + 1
        while end < hi and tokens[end].word:
            end += 1
        if end < hi and tokens[end].mark(CLAUSE_MARKS) and end - i <= 6:
            return Report("according-to", i, (i + 1, end), (i, i + 1), end + 1)
    return None


def _quoted_first(tokens, lo, hi) -> Report | None:
    """«C»، X نے بتایا۔ / «C»، یہ بات X نے ... کہی۔ : a quotation opens the sentence and its
    speaker follows it."""
    closes = quotations(tokens, lo, hi)
    if lo not in closes:
        return None
    close = closes[lo]
    i = _skip_marks(tokens, close + 1, hi)
    report = _speaker_after(tokens, i, hi, quoted=True)
    if report is None:
        report = _named_after(tokens, i, hi, quoted=True) or _genitive_after(tokens, i, hi)
        if report is None:
            return None
        report.rule = "direct-quote"
    report.content, report.end, report.quoted = lo + 1, close, True
    return report


def _speaker_after(tokens, lo, hi, quoted=False) -> Report | None:
    """C، یہ بات X نے کہی۔ / یہ بات X نے کہی۔ (the content: the sentences before) /
    ان خیالات کا اظہار X نے ... کیا۔"""
    for s in range(lo, hi):
        if s > lo and not tokens[s - 1].mark(CLAUSE_MARKS):
            continue
        phrase = next((p for p in SPEAKER_AFTER if _at(tokens, s, p)), None)
        if phrase is None:
            continue
        report = _named_after(tokens, s + len(phrase), hi)
        if report is None:
            continue
        report.rule = "speaker-after"
        if s > lo:
            report.content, report.end = lo, s - 1
        elif not quoted:
            report.target = "previous"
        return report
    return None


def _genitive_after(tokens, i, hi) -> Report | None:
    """«C»، X کا کہنا تھا۔ (the genitive report with nothing after it)."""
    for s in range(i + 2, hi):
        if tokens[s].word and tokens[s].key in SAYING:
            g = s - 1
            while g > i and tokens[g].key in ADDITIVE:
                g -= 1
            rest = [t for t in tokens[s + 1 : hi] if t.word]
            if tokens[g].key in GENITIVES and all(t.key in AUXILIARIES for t in rest):
                start = subject_start(tokens, g, i)
                if start < g:
                    return Report("direct-quote", s, (start, g), (s, s + 1 + len(rest)), -1)
    return None


def _named_after(tokens, i, hi, quoted=False) -> Report | None:
    """X نے ... VERB [AUX] at the end of the sentence, with nothing after it."""
    erg = next((k for k in range(i, hi) if tokens[k].word and tokens[k].key == ERGATIVE), None)
    if erg is None or erg == i:
        return None
    if any(tokens[k].key in AUXILIARIES | {COMPLEMENTISER} for k in range(i, erg)):
        return None  # "یہ بات قابل ذکر ہے کہ X نے ..." is no speaker after the content
    last = max((k for k in range(erg, hi) if tokens[k].word), default=erg)
    j = last
    while j > erg and tokens[j].key in AUXILIARIES:
        j -= 1
    verb_key = tokens[j].key
    if quoted:
        verb = _verb_at(tokens, j)
        if verb is None or not verb.verb.free:
            return None
    elif verb_key not in SPEAKER_AFTER_VERBS:
        return None
    start = subject_start(tokens, erg, i)
    if start >= erg:
        return None
    return Report("speaker-after", j, (start, erg), (j, last + 1), -1)


# -- frames -----------------------------------------------------------------------------------


def _frame_end(tokens, k, hi) -> int | None:
    """Index after a participle + ہوئے starting at k ("کرتے ہوئے", "پیش کرتے ہوئے")."""
    for participle in FRAME_PARTICIPLES:
        n = len(participle)
        if _at(tokens, k, participle) and k + n < hi and tokens[k + n].key in FRAME_ENDINGS:
            return k + n + 1
    return None


def _frame_words(tokens, seg, k, end) -> tuple[int, str, bool]:
    """(first token of the frame's words, kind, evaluative?) of the frame ending at k..end."""
    for table, evaluative in ((EVALUATIVE, True), (CIRCUMSTANTIAL, False)):
        for words, frame in table:
            n = len(words)
            for stop in (end - 1, k):  # "سراہتے ہوئے" / "قرار دیتے ہوئے"
                first = stop - n
                if first >= seg and all(tokens[first + x].key == words[x] for x in range(n)):
                    return first, frame.kind, evaluative
    # an unknown frame: circumstantial with an interlocutor ("X سے تبادلہ خیال کرتے ہوئے")
    first = k - 1 if k - 1 >= seg else k
    evaluative = not any(tokens[i].key == INTERLOCUTOR for i in range(max(seg, k - 3), k))
    return first, "evaluation", evaluative


def _skip_adverbials(tokens, seg, k) -> int:
    """Words before a frame's content that belong to neither: بھی, مزید, "اس موقع پر", and the
    setting the report happened in, "اس ٹیلیفونی گفتگو میں" (this/that + a meeting, talk or
    session + میں), unless a relative clause follows it ("اس ملاقات میں کہ جو ..."). Other
    phrases stay: "اس سلسلے میں کئے جانے والے تعاون" (the cooperation in this regard), "اس
    ملاقات پر خوشی" (joy at this meeting) are the evaluation's own words."""
    while seg < k:
        if tokens[seg].key in ADDITIVE or not tokens[seg].word:
            seg += 1
        elif _at(tokens, seg, ON_THIS_OCCASION):
            seg += len(ON_THIS_OCCASION)
        elif tokens[seg].key in DEMONSTRATIVES:
            j = next((j for j in range(seg + 1, min(seg + 6, k)) if tokens[j].key == IN), None)
            if j is None or j + 1 >= k or tokens[j + 1].key in RELATIVES:
                return seg
            if not any(tokens[x].key in SETTINGS for x in range(seg + 1, j)):
                return seg
            seg = j + 1
        else:
            return seg
    return seg


def frames(tokens: Sequence[Token], lo: int, hi: int) -> tuple[list[Frame], int]:
    """The participial frames of tokens[lo:hi] (between a subject's نے and its verb): the
    evaluative ones with content of their own, and the start of a frame without content that
    belongs to the reporting phrase ("تاکید کرتے ہوئے فرمایا"), or hi."""
    found: list[Frame] = []
    seg = lo
    phrase_start = hi
    k = lo
    while k < hi:
        end = _frame_end(tokens, k, hi)
        if end is None:
            k += 1
            continue
        first = _skip_adverbials(tokens, seg, k)
        words_first, kind, evaluative = _frame_words(tokens, first, k, end)
        if evaluative and words_first > first:
            found.append(Frame(first, end - 1, words_first, kind))
            phrase_start = hi
        elif evaluative and (end >= hi or all(t.key in FRAME_JOINERS for t in tokens[end:hi])):
            phrase_start = first
        seg = end
        while seg < hi and (tokens[seg].key in FRAME_JOINERS or not tokens[seg].word):
            seg += 1
        k = seg
    return found, phrase_start


# -- a sentence's reports ---------------------------------------------------------------------


def first_report(tokens: Sequence[Token], lo: int, hi: int) -> Report | None:
    """The first reporting construction of tokens[lo:hi], by where it is recognised."""
    for i in range(lo, hi):
        for finder in (_reported_speech, _genitive, _imperfective, _according):
            report = finder(tokens, i, lo, hi)
            if report is not None:
                return report
    return None


def _clause_opens_report(tokens, b, hi, pronoun_only: bool) -> bool:
    """Does a new report (or a continuing pronoun acting) open the clause at b?"""
    i = _skip(tokens, b, hi, ADDITIVE)
    if i < hi and tokens[i].word and tokens[i].key in PRONOUNS:
        nxt = i + 1
        if nxt < hi and tokens[nxt].key == ERGATIVE and not pronoun_only:
            return True
        report = first_report(tokens, i, _clause_end(tokens, i, hi))
        if report and report.subject and report.subject[0] == i:
            return True
    for phrase in SPEAKER_AFTER:
        if _at(tokens, i, phrase):
            return True
    if pronoun_only:
        return False
    report = first_report(tokens, i, _clause_end(tokens, i, hi))
    return bool(report and report.subject and report.subject[0] >= i)


def _narrative_follows(tokens, b, hi, joiner) -> bool:
    """The reporter goes on after a comma: "، جبکہ Y نے ..." (whereas another subject acted)
    or "، جس کے بعد ..." (after which): narrative, no part of the claim."""
    if any(_at(tokens, b, sequel) for sequel in SEQUELS):
        return True
    if joiner not in WHEREAS:
        return False
    end = _clause_end(tokens, b, hi)
    return any(tokens[k].key == ERGATIVE for k in range(b + len(joiner) + 1, end))


def _clause_end(tokens, i, hi) -> int:
    while i < hi and not tokens[i].mark(CLAUSE_OR_SENTENCE):
        i += 1
    return i


def content_end(tokens: Sequence[Token], c: int, hi: int) -> tuple[int, bool]:
    """(index after the content that starts at c, quoted?): the end of the quotation it opens,
    or the first comma splice that starts a new report, or the sentence end."""
    closes = quotations(tokens, c, hi)
    if c in closes and not any(t.word for t in tokens[closes[c] + 1 : hi]):
        return closes[c], True  # the content is a quotation: «...»۔
    i = c
    while i < hi:
        t = tokens[i]
        if t.mark(OPENING_QUOTES) and i in closes:
            i = closes[i] + 1
            continue
        if t.mark(CLAUSE_MARKS):
            b = _skip_marks(tokens, i, hi)
            joiner = next((j for j in JOINERS if _at(tokens, b, j)), None)
            if joiner is not None and _clause_opens_report(tokens, b + len(joiner), hi, False):
                return i, False
            if _narrative_follows(tokens, b, hi, joiner):
                return i, False
            if joiner is None and _clause_opens_report(tokens, b, hi, True):
                return i, False
            i = b
            continue
        if t.word and i > c:
            joiner = next((j for j in JOINERS if _at(tokens, i, j) and j != _keys("اور")), None)
            if joiner is not None and _clause_opens_report(tokens, i + len(joiner), hi, False):
                return i, False
        i += 1
    return hi, False


def sentence_reports(tokens: Sequence[Token], lo: int, hi: int) -> list[Report]:
    """The top-level reports of the sentence tokens[lo:hi], each with its content's end."""
    head = _quoted_first(tokens, lo, hi)
    if head is not None:
        return [head]
    found: list[Report] = []
    pos = lo
    while pos < hi:
        report = first_report(tokens, pos, hi)
        if report is None:
            break
        end, quoted = content_end(tokens, report.content, hi)
        if report.rule == "according-to":
            inner = first_report(tokens, report.content, end)
            if inner is not None and inner.rule != "according-to":
                pos = report.content  # the report inside names its own speaker
                continue
            if not any(t.word for t in tokens[report.content : end]):
                report.content, end = pos, report.subject[0]  # "C، X کے مطابق۔"
        report.end, report.quoted = end, quoted
        found.append(report)
        pos = max(end + (1 if quoted else 0), report.trigger + 1)
    if not found:
        after = _speaker_after(tokens, lo, hi)
        if after is not None:
            found.append(after)
    return found
