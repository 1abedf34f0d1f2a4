"""Paragraph -> attributed claims: a rule-based, explainable Urdu extractor.

The rules, in the order they apply to each sentence (words compared after statements.urdu.fold):

- reported speech: SUBJECT نے [FRAMES] REPORTING-VERB [AUX] کہ CLAIM (or a colon for کہ), the
  claim running to the sentence end; "SUBJECT کا کہنا تھا کہ CLAIM" too. Only the first
  reporting verb of a sentence counts, so quotations inside the claim ("جس طرح آپ نے فرمایا کہ
  ...") stay inside it.
- participial frame: each "... کرتے ہوئے" / "... قرار دیتے ہوئے" segment between نے and the
  reporting verb is a claim of its own (kind from lexicon.FRAMES); a frame with no content of its
  own ("تاکید کرتے ہوئے فرمایا") is part of the reporting phrase instead.
- subject: the longest speaker alias that ends right before نے, else a participant the title
  names; an honorific pronoun ending the subject ("آپ نے", "اس موقع پر انہوں نے") continues the
  previous speaker; anything else is unresolved.
- a sentence with no reporting verb is narrative: it stays a passage and yields no claim.

A claim is flagged for review, with the reason, when its subject is unresolved or its speaker is
not a participant of the meeting. Nothing here touches the database: aliases come in an
AliasIndex, and the caller saves what comes out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from statements import urdu
from statements.ingest import lexicon
from statements.ingest.parse import ParsedDocument, Span, sentences

_EDGE_PUNCT = "،؛؟۔,;:!?.\"'()[]{}«»“”‘’-–—…"


@dataclass(frozen=True)
class Token:
    start: int  # offsets of the word without edge punctuation
    end: int
    key: str  # the folded word ("" for a token that is only punctuation)
    punct_after: bool  # punctuation followed the word (a clause boundary)


def tokenize(text: str, span: Span) -> list[Token]:
    tokens = []
    for m in re.finditer(r"\S+", text[span.start : span.end]):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip(_EDGE_PUNCT))
        core = raw.strip(_EDGE_PUNCT)
        start = span.start + m.start() + lead
        end = start + len(core)
        tokens.append(Token(start, end, urdu.fold(core), len(raw.rstrip(_EDGE_PUNCT)) < len(raw)))
    return tokens


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(urdu.words(phrase))


def _phrases(text: str) -> list[tuple[str, ...]]:
    return [_keys(p) for p in re.split(r"[,،\n]", text) if _keys(p)]


@dataclass(frozen=True)
class AliasEntry:
    words: tuple[str, ...]
    speaker_id: int | None = None
    topic_id: int | None = None
    exclude_before: tuple[tuple[str, ...], ...] = ()
    exclude_after: tuple[tuple[str, ...], ...] = ()


@dataclass
class AliasIndex:
    """Speaker and topic aliases, by their folded words, for longest-match lookups.

    Entries are indexed by their first and by their last word, so a lookup costs the words of
    the text times the few aliases sharing a word with it, not the words times every alias of
    the archive (thousands, with the reference data of people and places)."""

    entries: list[AliasEntry]
    topic_of_speaker: dict[int, int] = field(default_factory=dict)
    by_first: dict[str, list[tuple[int, AliasEntry]]] = field(default_factory=dict, repr=False)
    by_last: dict[str, list[AliasEntry]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.entries.sort(key=lambda e: -len(e.words))  # longest first, stable
        for rank, entry in enumerate(self.entries):
            self.by_first.setdefault(entry.words[0], []).append((rank, entry))
            if entry.speaker_id:
                self.by_last.setdefault(entry.words[-1], []).append(entry)

    @classmethod
    def build(cls, rows: Iterable[dict], topic_of_speaker: dict[int, int]) -> AliasIndex:
        entries = [
            AliasEntry(
                words=_keys(row["text"]),
                speaker_id=row.get("speaker_id"),
                topic_id=row.get("topic_id"),
                exclude_before=tuple(_phrases(row.get("exclude_before", ""))),
                exclude_after=tuple(_phrases(row.get("exclude_after", ""))),
            )
            for row in rows
        ]
        return cls([e for e in entries if e.words], topic_of_speaker)

    def speaker_suffix(self, keys: Sequence[str]) -> tuple[int, int] | None:
        """The speaker whose longest alias ends `keys`: (speaker_id, number of words)."""
        if not keys:
            return None
        for entry in self.by_last.get(keys[-1], ()):
            n = len(entry.words)
            if n <= len(keys) and tuple(keys[-n:]) == entry.words:
                return entry.speaker_id, n
        return None

    def mentions(self, keys: Sequence[str]) -> list[tuple[int, int, str, int]]:
        """All alias matches: (first word, end word, "speaker"|"topic", id), longest first
        (then in the order of the aliases, then by position)."""
        found = []
        for i, key in enumerate(keys):
            for rank, entry in self.by_first.get(key, ()):
                n = len(entry.words)
                if tuple(keys[i : i + n]) != entry.words:
                    continue
                if any(tuple(keys[max(0, i - len(p)) : i]) == p for p in entry.exclude_before):
                    continue
                if any(tuple(keys[i + n : i + n + len(p)]) == p for p in entry.exclude_after):
                    continue
                target = (
                    ("speaker", entry.speaker_id) if entry.speaker_id else ("topic", entry.topic_id)
                )
                found.append((rank, i, (i, i + n, *target)))
        found.sort(key=lambda item: (item[0], item[1]))
        return [match for _, _, match in found]

    def topics(self, keys: Sequence[str]) -> set[int]:
        """Topics mentioned in `keys`; a person's speaker aliases count for their topic."""
        spans: list[tuple[int, int, int]] = []
        for i, j, what, ident in self.mentions(keys):
            topic = ident if what == "topic" else self.topic_of_speaker.get(ident)
            if topic is None:
                continue
            # a shorter form inside a longer form of the same topic is the same mention
            if any(t == topic and a <= i and j <= b for a, b, t in spans):
                continue
            spans.append((i, j, topic))
        return {t for _, _, t in spans}

    def speakers(self, keys: Sequence[str]) -> list[int]:
        seen: list[int] = []
        for _, _, what, ident in sorted(self.mentions(keys)):
            if what == "speaker" and ident not in seen:
                seen.append(ident)
        return seen


@dataclass
class ExtractedClaim:
    paragraph: int  # index into ParsedDocument.paragraphs
    start: int
    end: int
    kind: str
    reporting_phrase: str
    attribution: str  # "<subject rule>:<claim rule>", e.g. "alias:reported-speech"
    speaker_id: int | None
    subject: str  # the subject words as written ("" when continued from the previous sentence)
    review_note: str = ""
    topic_ids: set[int] = field(default_factory=set)

    @property
    def needs_review(self) -> bool:
        return bool(self.review_note)


_VERBS = [(_keys(v.words), v) for v in lexicon.REPORTING_VERBS]
_VERBS.sort(key=lambda item: -len(item[0]))
_AUX = {urdu.fold(w) for w in lexicon.AUXILIARIES}
_COMP = urdu.fold(lexicon.COMPLEMENTISER)
_COLONS = {":", "：", "؛"}  # "نے کہا: ..." introduces the claim as کہ does
_ERG = urdu.fold(lexicon.ERGATIVE)
_HONORIFIC = {urdu.fold(w) for w in lexicon.HONORIFIC_PRONOUNS}
_SAYING = {_keys(v.words) for v in lexicon.GENITIVE_REPORTING}
_GENITIVES = {urdu.fold(w) for w in lexicon.GENITIVES}
_ENDINGS = {tuple(urdu.fold(w) for w in e) for e in lexicon.FRAME_ENDINGS}
_FRAMES = sorted(((_keys(f.words), f) for f in lexicon.FRAMES), key=lambda item: -len(item[0]))
_JOINERS = {urdu.fold(w) for w in lexicon.FRAME_JOINERS}
_AFTER_ERG = {urdu.fold(w) for w in lexicon.AFTER_ERGATIVE}
_CUES = [(tuple(urdu.fold(w) for w in c.ending), c) for c in lexicon.KIND_CUES]
_FIRST_PERSON = {urdu.fold(w) for w in lexicon.FIRST_PERSON}


def _reporting_verb(text: str, tokens: Sequence[Token]) -> tuple[int, int, int, int] | None:
    """The first reporting verb followed by کہ, or by a colon ("نے کہا: ..."): (verb start,
    verb end, end of the reporting phrase with its auxiliaries, first token of the claim)."""
    keys = [t.key for t in tokens]
    for i in range(len(keys)):
        for words, _verb in _VERBS:
            n = len(words)
            if tuple(keys[i : i + n]) != words:
                continue
            j = i + n
            while j < len(keys) and keys[j] in _AUX:
                j += 1
            if j < len(keys) and keys[j] == _COMP:
                return i, i + n, j, j + 1
            if j < len(keys) and _COLONS & set(text[tokens[j - 1].end : tokens[j].start]):
                return i, i + n, j, j
    return None


def _genitive_subject(keys: Sequence[str], v_start: int, v_end: int) -> bool:
    """A verbal noun of saying right after a genitive that follows X: "X کا کہنا تھا کہ"."""
    return (
        tuple(keys[v_start:v_end]) in _SAYING and v_start >= 2 and keys[v_start - 1] in _GENITIVES
    )


def _claim_kind(keys: Sequence[str]) -> str:
    for ending, cue in _CUES:
        n = len(ending)
        if cue.anywhere:
            hit = any(tuple(keys[i : i + n]) == ending for i in range(len(keys) - n + 1))
        else:
            hit = tuple(keys[-n:]) == ending
        if hit:
            if cue.kind == "commitment" and not _FIRST_PERSON & set(keys):
                continue
            return cue.kind
    return "assertion"


def _frames(tokens: list[Token], lo: int, hi: int) -> tuple[list[tuple[int, int, str, int]], int]:
    """Split tokens[lo:hi] into frames: ([(first, last, kind, first word of the frame phrase)],
    start of a content-less frame that belongs to the reporting phrase, or hi)."""
    frames = []
    seg = lo
    phrase_start = hi
    k = lo
    while k + 1 < hi:
        if (tokens[k].key, tokens[k + 1].key) not in _ENDINGS:
            k += 1
            continue
        kind, n_words = "evaluation", 0
        keys = [t.key for t in tokens[seg:k]]
        for words, frame in _FRAMES:
            if len(words) <= len(keys) and tuple(keys[-len(words) :]) == words:
                kind, n_words = frame.kind, len(words)
                break
        frame_first = k - n_words
        if frame_first > seg:  # the frame has content of its own: a claim
            frames.append((seg, k + 1, kind, frame_first))
            phrase_start = hi
        elif k + 2 >= hi or all(t.key in _JOINERS for t in tokens[k + 2 : hi]):
            phrase_start = seg  # "تاکید کرتے ہوئے فرمایا": part of the reporting phrase
        seg = k + 2
        while seg < hi and (tokens[seg].key in _JOINERS or not tokens[seg].key):
            seg += 1
        k = seg
    return frames, phrase_start


@dataclass
class Participant:
    """A participant named by the document: a known speaker, or a phrase no alias resolves
    (the caller then creates a provisional speaker for it and fills in `speaker_id`)."""

    phrase: str
    keys: tuple[str, ...]
    speaker_id: int | None = None
    provisional: bool = False


@dataclass
class _Subject:
    speaker_id: int | None
    text: str
    rule: str
    note: str = ""


def _participant_part(keys: Sequence[str], participants: list[Participant]) -> Participant | None:
    """The participant whose phrase begins or ends with the last words of `keys` (at least two
    words, or one long word): a title names "چین کے صدر شی جن پنگ", the text "چین کے صدر"."""
    best: tuple[int, Participant] | None = None
    for p in participants:
        for n in range(min(len(keys), len(p.keys)), 0, -1):
            tail = tuple(keys[-n:])
            if n == 1 and len(tail[0]) < 4:
                break
            if tail in (p.keys[:n], p.keys[-n:]):
                if best is None or n > best[0]:
                    best = (n, p)
                break
    return best[1] if best else None


def _resolve_subject(
    text: str,
    subject_tokens: list[Token],
    aliases: AliasIndex,
    participants: list[Participant],
    previous: _Subject | None,
) -> _Subject:
    keys = [t.key for t in subject_tokens]
    written = text[subject_tokens[0].start : subject_tokens[-1].end] if subject_tokens else ""
    if keys and keys[-1] in _HONORIFIC:  # "انہوں نے", "اس موقع پر انہوں نے", "ان کا کہنا"
        if previous is None:
            return _Subject(
                None, "", "honorific-continuation",
                f"the subject «{written}» continues a previous speaker, but there is none",
            )  # fmt: skip
        return _Subject(previous.speaker_id, previous.text, "honorific-continuation", previous.note)
    found = aliases.speaker_suffix(keys)
    if found:
        speaker_id, n = found
        return _Subject(
            speaker_id, text[subject_tokens[-n].start : subject_tokens[-1].end], "alias"
        )
    part = _participant_part(keys, participants)
    if part is not None:
        return _Subject(part.speaker_id, written, "participant-name")
    return _Subject(
        None, written, "unresolved", f"the subject «{written}» matches no speaker or alias"
    )


def extract(
    doc: ParsedDocument,
    aliases: AliasIndex,
    participants: list[Participant],
    speaker_names: dict[int, str] | None = None,
) -> list[ExtractedClaim]:
    """Every attributed claim of the document, in reading order."""
    present = {p.speaker_id for p in participants if p.speaker_id is not None}
    provisional = {p.speaker_id for p in participants if p.provisional}
    names = speaker_names or {}
    text = doc.text
    claims: list[ExtractedClaim] = []
    previous: _Subject | None = None
    for p_index, paragraph in enumerate(doc.paragraphs):
        for sentence in sentences(text, paragraph):
            tokens = tokenize(text, sentence)
            keys = [t.key for t in tokens]
            verb = _reporting_verb(text, tokens)
            if verb is None:
                continue  # narrative: the passage holds it
            v_start, v_end, phrase_end, body_start = verb
            erg = next((i for i in range(v_start) if keys[i] == _ERG), None)
            if erg is None and _genitive_subject(keys, v_start, v_end):
                erg = v_start - 1  # "X کا کہنا تھا کہ": the genitive marks the speaker
            if erg is None:
                continue  # no ergative subject: not a reported statement we can attribute
            who = _resolve_subject(text, tokens[:erg], aliases, participants, previous)
            previous = who
            speaker_id, subject, rule, note = who.speaker_id, who.text, who.rule, who.note
            if speaker_id is not None and speaker_id not in present:
                name = names.get(speaker_id) or f"speaker {speaker_id}"
                note = (
                    f"the named speaker ({name}, «{subject}») is not a participant of this "
                    "meeting; the source may mean another speaker"
                )
            elif speaker_id in provisional and not note:
                note = (
                    f"the speaker «{subject}» is not in the archive yet (a provisional record "
                    "was made from the title): complete it or merge it with a known speaker"
                )
            lo = erg + 1
            while lo < v_start and keys[lo] in _AFTER_ERG:
                lo += 1
            frames, phrase_start = _frames(tokens, lo, v_start)
            for first, last, kind, phrase in frames:
                claims.append(
                    _claim(doc, aliases, p_index, tokens, first, last, kind, rule, "participial-frame",
                           speaker_id, subject, note,
                           reporting=text[tokens[phrase].start : tokens[last].end])
                )  # fmt: skip
            last = max((i for i, t in enumerate(tokens) if t.key), default=body_start - 1)
            if last >= body_start:
                body = keys[body_start : last + 1]
                claims.append(
                    _claim(doc, aliases, p_index, tokens, body_start, last,
                           _claim_kind(body), rule, "reported-speech", speaker_id, subject, note,
                           reporting=text[tokens[phrase_start].start : tokens[v_end - 1].end]
                           if phrase_start < v_start
                           else text[tokens[v_start].start : tokens[phrase_end - 1].end])
                )  # fmt: skip
    return claims


def _claim(doc, aliases, p_index, tokens, first, last, kind, subject_rule, claim_rule,
           speaker_id, subject, note, reporting) -> ExtractedClaim:  # fmt: skip
    span_keys = [t.key for t in tokens[first : last + 1]]
    return ExtractedClaim(
        paragraph=p_index,
        start=tokens[first].start,
        end=tokens[last].end,
        kind=kind,
        reporting_phrase=" ".join(reporting.split()),
        attribution=f"{subject_rule}:{claim_rule}",
        speaker_id=speaker_id,
        subject=subject,
        review_note=note,
        topic_ids=aliases.topics(span_keys),
    )


_WITH = urdu.fold("سے")
_TITLE_JOINERS = {_WITH, *(urdu.fold(w) for w in ("اور", "و"))}  # "with", "and"
_BETWEEN = {urdu.fold(w) for w in lexicon.BETWEEN}
# The first word of each meeting word, with the genitive that agrees with it.
_MEETING_GENITIVE = {_keys(w)[0]: urdu.fold(g) for w, g in lexicon.MEETING_WORDS.items()}


def _title_parts(title: list[Token], genitive: str) -> list[list[Token]]:
    """The participants' phrases in a title cut before its meeting word:
    "X سے Y کی" and "X اور Y کے درمیان" name X and Y at the joiners; "X کی Y سے" (X's meeting
    with Y) at the genitive that agrees with the meeting word, the last one before "سے". That
    is reliable for the feminine کی (ملاقات, بات چیت); the masculine کے (مذاکرات) also joins role
    phrases ("قطر کے امیر"), so there a wrong cut is possible, and the editor corrects it."""
    head = list(title)
    while head and (head[-1].key in _GENITIVES or head[-1].key in _BETWEEN):
        head.pop()
    cuts = {i for i, t in enumerate(head) if t.key in _TITLE_JOINERS}
    if head and head[-1].key == _WITH:
        owner = [i for i, t in enumerate(head[:-1]) if t.key == genitive]
        if owner:
            cuts.add(owner[-1])
    parts: list[list[Token]] = [[]]
    for i, token in enumerate(head):
        if i in cuts:
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def participants(doc: ParsedDocument, aliases: AliasIndex) -> list[Participant]:
    """Who met: the phrases of the title before its meeting word (see `_title_parts`), each
    resolved through aliases or kept as a phrase, plus speakers named in the first sentence
    before its meeting word."""
    meeting_words = set(_MEETING_GENITIVE)
    found: list[Participant] = []

    def add(speaker_id, phrase, keys):
        if any((p.speaker_id or p.keys) == (speaker_id or keys) for p in found):
            return
        found.append(Participant(phrase, keys, speaker_id))

    title = tokenize(doc.text, doc.title_span)
    cut = next((i for i, t in enumerate(title) if t.key in meeting_words), None)
    if cut is None:
        for speaker_id in aliases.speakers([t.key for t in title]):
            add(speaker_id, "", ())
    else:
        for part in _title_parts(title[:cut], _MEETING_GENITIVE[title[cut].key]):
            keys = tuple(t.key for t in part)
            phrase = doc.text[part[0].start : part[-1].end]
            for speaker_id in aliases.speakers(keys) or [None]:
                add(speaker_id, phrase, keys)
    first = sentences(doc.text, doc.paragraphs[0])[0]
    keys = [t.key for t in tokenize(doc.text, first)]
    cut = next((i for i, k in enumerate(keys) if k in meeting_words), None)
    if cut is not None:
        for speaker_id in aliases.speakers(keys[:cut]):
            add(speaker_id, "", ())
    return found
