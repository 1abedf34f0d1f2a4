"""Document -> attributed claims: a rule-based, explainable Urdu extractor.

How it reads a report (the words are in lexicon.py, the steps in their modules):

1. Units (parse.py): the title, headline and standfirst lines, paragraphs; a dateline that
   opens a paragraph is set aside. Tokens and sentences (tokens.py) the way copy writes them.
2. Reports (reports.py): each sentence's reporting constructions, clause by clause; a claim is
   the content a construction reports, from its first word to its last, ending where a comma
   splice opens a new report; evaluative participial frames are claims of their own.
3. Subjects (nps.py): the noun phrase that governs each report, bounded on the left by words
   that cannot be part of a name, and split into office, honorifics and bare name.
4. Speakers (mentions.py): the names the document gives are gathered into entities, and each
   subject resolved to one: through the Alias table (longest alias ending the subject), the
   meeting's participants (meetings.py), a continuing pronoun's current speaker, an office's
   holder named in the document, a statement's owner, the participants jointly ("دونوں
   رہنماؤں", "مشترکہ اعلامیہ"), or unnamed officials ("ذرائع", "حکام").

Every claim keeps its subject as the source named it (verbatim, at its own offsets), the rule
that attributed it (`attribution`: "<subject rule>:<claim rule>") and a confidence; below
REVIEW_BELOW, and whenever its speaker is not known to the archive or not a participant of the
meeting, it is flagged for review with the reason. Nothing here touches the database: aliases
come in an AliasIndex, and the caller saves what comes out (service.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from statements.ingest import lexicon, meetings, reports
from statements.ingest.mentions import Entity, Mentions, SpeakerRef
from statements.ingest.nps import NounPhrase, analyse, skip_leading, subject_end, subject_start
from statements.ingest.parse import ParsedDocument, Span
from statements.ingest.tokens import (
    CLAUSE_MARKS,
    CLOSING_QUOTES,
    OPENING_QUOTES,
    SENTENCE_ENDS,
    Token,
    key,
    quotations,
    sentences,
    tokenize,
)

TITLE = -1  # the passage index of a claim made in the title
REVIEW_BELOW = 0.6  # an attribution less sure than this is flagged for review

# How sure each way of attributing a subject is (the claim's `confidence`).
CONFIDENCE = {
    "alias": 0.95,  # the Alias table knows the subject
    "participant-name": 0.9,  # a participant the title or first sentence names
    "name": 0.85,  # a name the document gives, new to the archive
    "organisation": 0.85,
    "honorific-continuation": 0.85,  # انہوں/ان/وہ/آپ: the current speaker
    "office-holder": 0.8,  # an office named alone, held by someone the document names
    "participants": 0.85,  # the participants jointly ("دونوں رہنماؤں", a joint statement)
    "statement-owner": 0.8,
    "continuation-of-mention": 0.6,  # a pronoun with no speaker yet: the person last named
    "unnamed-source": 0.55,  # ذرائع, حکام: anonymous
    "office": 0.5,  # an office no one in the document holds: who held it then is not known
    "unresolved": 0.4,
    "ownerless-statement": 0.3,
}
CLAIM_RULE_FACTOR = {"headline": 0.95, "speaker-after": 0.95}


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(key(w) for w in re.findall(r"\S+", phrase) if key(w))


def _phrases(text: str) -> list[tuple[str, ...]]:
    return [_keys(p) for p in re.split(r"[,،\n]", text) if _keys(p)]


@dataclass(frozen=True)
class AliasEntry:
    words: tuple[str, ...]
    speaker_id: int | None = None
    topic_id: int | None = None
    speaker_kind: str = ""
    exclude_before: tuple[tuple[str, ...], ...] = ()
    exclude_after: tuple[tuple[str, ...], ...] = ()


@dataclass
class AliasIndex:
    """Speaker and topic aliases, by their folded words, for longest-match lookups; `places`
    are the forms of the countries, places and organisations (topics), which a subject's office
    may name ("روس کے صدر") and a name never holds.

    Entries are indexed by their first and by their last word, so a lookup costs the words of
    the text times the few aliases sharing a word with it, not the words times every alias of
    the archive (thousands, with the reference data of people and places)."""

    entries: list[AliasEntry]
    topic_of_speaker: dict[int, int] = field(default_factory=dict)
    places: frozenset[tuple[str, ...]] = frozenset()
    by_first: dict[str, list[tuple[int, AliasEntry]]] = field(default_factory=dict, repr=False)
    by_last: dict[str, list[AliasEntry]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.entries.sort(key=lambda e: -len(e.words))  # longest first, stable
        for rank, entry in enumerate(self.entries):
            self.by_first.setdefault(entry.words[0], []).append((rank, entry))
            if entry.speaker_id:
                self.by_last.setdefault(entry.words[-1], []).append(entry)

    @classmethod
    def build(
        cls, rows: Iterable[dict], topic_of_speaker: dict[int, int], place_topics=frozenset()
    ) -> AliasIndex:
        entries, places = [], set()
        for row in rows:
            entry = AliasEntry(
                words=_keys(row["text"]),
                speaker_id=row.get("speaker_id"),
                topic_id=row.get("topic_id"),
                speaker_kind=row.get("speaker__kind") or "",
                exclude_before=tuple(_phrases(row.get("exclude_before", ""))),
                exclude_after=tuple(_phrases(row.get("exclude_after", ""))),
            )
            if not entry.words:
                continue
            entries.append(entry)
            if entry.topic_id in place_topics:
                places.add(entry.words)
        return cls(entries, topic_of_speaker, frozenset(places))

    def speaker_suffix(self, keys: Sequence[str], kinds=None) -> tuple[int, int] | None:
        """The speaker whose longest alias ends `keys`: (speaker_id, number of words); only
        speakers of `kinds` when given (a person's office may end in an organisation's name:
        "ترجمان دفتر خارجہ")."""
        if not keys:
            return None
        for entry in self.by_last.get(keys[-1], ()):
            n = len(entry.words)
            if n > len(keys) or tuple(keys[-n:]) != entry.words:
                continue
            if kinds is None or not entry.speaker_kind or entry.speaker_kind in kinds:
                return entry.speaker_id, n
        return None

    def mentions(self, keys: Sequence[str]) -> list[tuple[int, int, str, int]]:
        """All alias matches: (first word, end word, "speaker"|"topic", id), longest first
        (then in the order of the aliases, then by position)."""
        found = []
        for i, word in enumerate(keys):
            for rank, entry in self.by_first.get(word, ()):
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
class Participant:
    """A participant named by the document: a known speaker, or a name (or an office) no alias
    resolves (the caller then makes a provisional speaker for `ref` and fills in
    `speaker_id`)."""

    phrase: str
    keys: tuple[str, ...]
    speaker_id: int | None = None
    provisional: bool = False
    role: str = ""
    ref: SpeakerRef | None = None
    entity: Entity | None = None


@dataclass
class ExtractedClaim:
    paragraph: int  # index into ParsedDocument.paragraphs, or TITLE
    start: int
    end: int
    kind: str
    reporting_phrase: str
    attribution: str  # "<subject rule>:<claim rule>", e.g. "alias:reported-speech"
    speaker: SpeakerRef | None
    subject: str  # the subject as the source names it ("" when it names none)
    subject_start: int | None = None
    subject_end: int | None = None
    confidence: float = 1.0
    review_note: str = ""
    topic_ids: set[int] = field(default_factory=set)

    @property
    def speaker_id(self) -> int | None:
        return self.speaker.speaker_id if self.speaker else None

    @property
    def needs_review(self) -> bool:
        return bool(self.review_note)


@dataclass
class TextUnit:
    passage: int  # index into the document's paragraphs, or TITLE
    tokens: list[Token]
    lo: int  # the first token after the dateline
    headline: bool
    sentences: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Attribution:
    ref: SpeakerRef | None
    rule: str
    np: NounPhrase | None = None  # the subject as named
    note: str = ""
    entity: Entity | None = None

    @property
    def confidence(self) -> float:
        return CONFIDENCE.get(self.rule, 0.5)


# -- reading a document -----------------------------------------------------------------------

_ERGATIVE = key(lexicon.ERGATIVE)
_DOCUMENTS = frozenset(key(w) for w in lexicon.DOCUMENTS)
_ISSUED = key(next(iter(lexicon.ISSUED)))  # جاری
_SIDE = frozenset(key(w) for w in lexicon.SIDE)
_FROM = key(lexicon.FROM)
_BOTH = key(next(iter(lexicon.GROUP_WORDS)))  # دونوں
_DECLARATIONS = frozenset(key(w) for w in lexicon.DOCUMENTS if w.startswith("اعلامی"))
_OF = frozenset(key(w) for w in lexicon.GENITIVES)
_GATHERINGS = frozenset("".join(_keys(g)) for g in lexicon.GATHERINGS)
_HONORIFIC_PRONOUN = key(lexicon.HONORIFIC_PRONOUN)
_HONORIFIC_VERBS = frozenset(key(w) for w in lexicon.HONORIFIC_VERBS)
_FIRST_PERSON = frozenset(key(w) for w in lexicon.FIRST_PERSON)
_FUTURE = frozenset(key(w) for w in lexicon.FUTURE)
_CUES = [(tuple(key(w) for w in c.words), c) for c in lexicon.KIND_CUES]


class Reading:
    """A parsed document read once: its units and sentences, each sentence's reports, the
    names it gives (mentions) and its participants."""

    def __init__(self, doc: ParsedDocument, aliases: AliasIndex):
        self.doc, self.aliases, self.source = doc, aliases, doc.text
        self.places = aliases.places
        self.mentions = Mentions(doc.text)
        self.units = self._units()
        self.reports: dict[tuple[int, int], list[reports.Report]] = {}
        for u, unit in enumerate(self.units):
            unit.sentences = sentences(unit.tokens, unit.lo)
            for s, (lo, hi) in enumerate(unit.sentences):
                self.reports[(u, s)] = reports.sentence_reports(unit.tokens, lo, hi)
                self._collect_names(unit, lo, hi)
        self.participants = _participants(self)

    def _units(self) -> list[TextUnit]:
        doc, text = self.doc, self.doc.text
        span = doc.title_span
        units = [TextUnit(TITLE, tokenize(text, span.start, span.end), 0, True)]
        for i, para in enumerate(doc.paragraphs):
            tokens = tokenize(text, para.start, para.end)
            dateline = doc.datelines.get(i)
            lo = sum(1 for t in tokens if dateline is not None and t.end <= dateline)
            units.append(TextUnit(i, tokens, lo, i in doc.headlines))
        return units

    def analyse(self, tokens: Sequence[Token], start: int, end: int) -> NounPhrase:
        return analyse(list(tokens[start:end]), self.source, self.places)

    def _collect_names(self, unit: TextUnit, lo: int, hi: int) -> None:
        """Every subject of a نے, a genitive or a کے مطابق, and a sentence's opening phrase
        when it has an office and a name, as a mention (names inside claims too: they only
        complete a name, they never set the current speaker)."""
        tokens = unit.tokens
        for i in range(lo, hi):
            end = _subject_before(tokens, i, lo)
            if end is not None:
                start = subject_start(tokens, end, lo)
                if start < end:
                    self.mentions.add(self.analyse(tokens, start, end), tokens[start].start)
        np = self.opening(tokens, lo, hi)
        if np is not None:
            self.mentions.add(np, np.start)

    def opening(self, tokens: Sequence[Token], lo: int, hi: int) -> NounPhrase | None:
        """The phrase that opens a sentence when it names a person with an office ("وزیر خارجہ
        مخدوم شاہ محمود قریشی منگل کو ... روانہ ہو گئے")."""
        first = skip_leading(tokens, lo, hi)
        end = subject_end(tokens, first, hi)
        if end <= first:
            return None
        np = self.analyse(tokens, first, end)
        return np if np.kind == "person" and np.name and np.has("role") else None


_SAYS = frozenset(key(w) for w in (*lexicon.GENITIVE_REPORTING, *lexicon.ACCORDING_TO))
_QUESTION, _ANSWER = key(lexicon.QUESTION), key(lexicon.ANSWER)
_INTERVIEW = frozenset("".join(_keys(w)) for w in lexicon.INTERVIEW_WORDS)


def _subject_before(tokens: Sequence[Token], i: int, lo: int) -> int | None:
    """When tokens[i] closes a subject (نے, the genitive of "X کا کہنا", the کے of "X کے
    مطابق"), the index where that subject ends."""
    if tokens[i].key == _ERGATIVE:
        return i
    if tokens[i].key in reports.GENITIVES and i + 1 < len(tokens):
        nxt = i + 1
        while nxt < len(tokens) and tokens[nxt].key in reports.ADDITIVE:
            nxt += 1
        if nxt < len(tokens) and tokens[nxt].key in _SAYS:
            return i
    return None


def _participants(reading: Reading) -> list[Participant]:
    """The participants the title, its standfirst and the first sentence name."""
    source, places = reading.source, reading.places
    phrases: list[list[Token]] = []
    heads = [u for u in reading.units if u.headline]
    for unit in heads:
        phrases += meetings.title_parts(unit.tokens, source, places)
        phrases += meetings.visit_parts(unit.tokens, source, places)
    body = next((u for u in reading.units if not u.headline and u.sentences), None)
    if body is not None:
        lo, hi = body.sentences[0]
        phrases += meetings.sentence_parts(body.tokens, lo, hi, source, places)
        phrases += meetings.visit_parts(body.tokens[lo:hi], source, places)
    found: list[Participant] = []
    for phrase in phrases:
        np = analyse(phrase, source, places)
        if not meetings.usable(np):
            continue
        participant = _participant(reading, np)
        if not any(_same_participant(p, participant) for p in found):
            found.append(participant)
    named = [p for p in found if p.ref is None or p.ref.kind == "person"]
    return named if len(named) >= 2 else found


def _same_participant(a: Participant, b: Participant) -> bool:
    if a.speaker_id is not None and a.speaker_id == b.speaker_id:
        return True
    if a.entity is not None and a.entity is b.entity:
        return True
    return a.keys == b.keys


def _participant(reading: Reading, np: NounPhrase) -> Participant:
    mentions, aliases, source = reading.mentions, reading.aliases, reading.source
    entity = mentions.add(np, np.start) if np.kind == "person" else None
    if entity is None and np.kind == "role":
        entity = mentions.by_office(np, np.start, None)
    if entity is not None:
        np = entity.np
        entity.positions.append(-1)
    found = aliases.speaker_suffix(np.keys, ("person",))
    inside = aliases.speakers(np.keys)
    speaker_id = found[0] if found else inside[0] if len(inside) == 1 else None
    if entity is not None and speaker_id is not None:
        entity.speaker_id = speaker_id
    role = " ".join(np.role_text(source).split())
    if np.kind == "person" and np.name:
        ref = (
            entity.ref()
            if entity
            else SpeakerRef("person", " ".join(np.name_text(source).split()), role)
        )
    else:
        ref = SpeakerRef("role", " ".join(np.text.split()), role)
    if speaker_id is not None:
        ref = SpeakerRef(ref.kind, ref.name, ref.role, speaker_id, (), ref.identity)
    return Participant(ref.name, np.keys, speaker_id, role=role, ref=ref, entity=entity)


# -- resolving subjects -----------------------------------------------------------------------


class Resolver:
    """Subjects to speakers, in reading order (see mentions.py for the rules)."""

    def __init__(self, reading: Reading, participants: list[Participant]):
        self.reading = reading
        self.current: Attribution | None = None
        self.honorific: Attribution | None = None
        self.last_person: Entity | None = None
        self.owner: Attribution | None = None
        by_entity = {id(p.entity): p for p in participants if p.entity is not None}
        self.participant_of = by_entity
        ids = tuple(dict.fromkeys(p.speaker_id for p in participants if p.speaker_id))
        names = " و ".join(p.phrase for p in participants)
        self.group = SpeakerRef("group", names or "شرکا", "", None, ids, ("participants",))

    # the registers
    def spoke(self, attribution: Attribution, verb: lexicon.ReportingVerb | None) -> None:
        if attribution.ref is None:
            return
        self.current = attribution
        if verb is not None and key(verb.noun) in _HONORIFIC_VERBS:
            self.honorific = attribution

    def headline(self) -> None:
        self.current = self.honorific = None

    def named(self, np: NounPhrase) -> None:
        """A narrative subject: the person last named, for a pronoun with no speaker yet."""
        entity = self.reading.mentions.named(np, np.start)
        if entity is not None and entity.kind == "person":
            self.last_person = entity

    # resolution
    def resolve(self, np: NounPhrase, verb=None) -> Attribution:
        handler = getattr(self, f"_{np.kind}", self._other)
        return handler(np)

    def _pronoun(self, np: NounPhrase) -> Attribution:
        if np.keys[0] == _HONORIFIC_PRONOUN and self.honorific is not None:
            previous = self.honorific
        else:
            previous = self.current
        if previous is not None:
            return Attribution(previous.ref, "honorific-continuation", np, entity=previous.entity)
        if self.last_person is not None:
            entity = self.last_person
            return Attribution(
                self._entity_ref(entity), "continuation-of-mention", np, entity=entity
            )
        return Attribution(
            None, "honorific-continuation", np,
            f"the subject «{np.text}» continues a previous speaker, but there is none",
        )  # fmt: skip

    def _alias(self, np: NounPhrase) -> int | None:
        """The speaker whose alias ends the subject, with or without its modifiers and
        honorifics ("رہبر معظم انقلاب اسلامی" is the alias "رہبر انقلاب اسلامی")."""
        kinds = ("organisation",) if np.kind == "organisation" else ("person",)
        aliases = self.reading.aliases
        found = aliases.speaker_suffix(np.keys, kinds) or aliases.speaker_suffix(np.plain, kinds)
        return found[0] if found else None

    def _entity_ref(self, entity: Entity) -> SpeakerRef:
        participant = self.participant_of.get(id(entity))
        if participant is not None and participant.speaker_id is not None:
            ref = participant.ref
            return SpeakerRef(
                ref.kind, ref.name, ref.role, participant.speaker_id, (), ref.identity
            )
        ref = entity.ref()
        if entity.speaker_id is None:
            for np in (entity.np,):
                speaker_id = self._alias(np)
                if speaker_id is not None:
                    entity.speaker_id = speaker_id
        if entity.speaker_id is not None:
            return SpeakerRef(ref.kind, ref.name, ref.role, entity.speaker_id, (), ref.identity)
        return ref

    def _rule_for(self, entity: Entity, ref: SpeakerRef) -> str:
        if id(entity) in self.participant_of:
            return "participant-name"
        return "alias" if ref.speaker_id is not None else "name"

    def _person(self, np: NounPhrase) -> Attribution:
        speaker_id = self._alias(np)
        entity = self.reading.mentions.named(np, np.start)
        if speaker_id is not None:
            ref = entity.ref() if entity else SpeakerRef("person", np.text)
            if entity is not None:
                entity.speaker_id = entity.speaker_id or speaker_id
            return Attribution(
                SpeakerRef("person", ref.name, ref.role, speaker_id, (), ref.identity), "alias", np,
                entity=entity,
            )  # fmt: skip
        if entity is None:
            name = " ".join(np.name_text(self.reading.source).split()) or np.text
            ref = SpeakerRef("person", name, " ".join(np.role_text(self.reading.source).split()))
            return Attribution(ref, "name", np)
        ref = self._entity_ref(entity)
        return Attribution(ref, self._rule_for(entity, ref), np, entity=entity)

    def _role(self, np: NounPhrase) -> Attribution:
        speaker_id = self._alias(np)
        if speaker_id is not None:
            return Attribution(SpeakerRef("person", np.text, "", speaker_id), "alias", np)
        current = self.current.entity if self.current else None
        entity = self.reading.mentions.by_office(np, np.start, current)
        if entity is not None:
            ref = self._entity_ref(entity)
            rule = "participant-name" if id(entity) in self.participant_of else "office-holder"
            return Attribution(ref, rule, np, entity=entity)
        text = " ".join(np.text.split())
        # Who held the office that day is the service's question (statements/speakers), and
        # so is the review note when nobody is known to have held it.
        return Attribution(SpeakerRef("role", text), "office", np)

    def _organisation(self, np: NounPhrase) -> Attribution:
        speaker_id = self._alias(np)
        entity = self.reading.mentions.named(np, np.start)
        if speaker_id is not None:
            return Attribution(SpeakerRef("organisation", np.text, "", speaker_id), "alias", np)
        ref = entity.ref() if entity else SpeakerRef("organisation", " ".join(np.text.split()))
        return Attribution(ref, "organisation", np, entity=entity)

    def _unnamed(self, np: NounPhrase) -> Attribution:
        text = " ".join(np.text.split())
        return Attribution(
            SpeakerRef("unnamed", text), "unnamed-source", np,
            f"an anonymous source («{text}»): no one is named",
        )  # fmt: skip

    def _group(self, np: NounPhrase) -> Attribution:
        return self.joint(np)

    def joint(self, np: NounPhrase | None) -> Attribution:
        if len(self.group.members) >= 2:
            return Attribution(self.group, "participants", np)
        return Attribution(
            self.group, "unresolved", np,
            "the participants speak jointly, but the report does not say who they are",
        )  # fmt: skip

    def _media(self, np: NounPhrase) -> Attribution:
        return Attribution(None, "media", np)

    def _other(self, np: NounPhrase) -> Attribution:
        text = " ".join(np.text.split())
        return Attribution(
            SpeakerRef("person", text), "unresolved", np,
            f"the subject «{text}» matches no speaker or alias",
        )  # fmt: skip

    def _document(self, np: NounPhrase, issuer: NounPhrase | None = None) -> Attribution:
        owner = issuer or np.owner
        if owner is not None and _gathering(owner):
            return self.joint(np)
        if owner is not None and owner.kind in ("person", "role", "organisation", "pronoun"):
            found = self.resolve(owner)
            found.rule = found.rule if found.rule != "name" else "statement-owner"
            if found.ref is not None:
                self.owner = found
                return Attribution(found.ref, found.rule, owner, found.note, found.entity)
        if np.joint:
            return self.joint(np)
        if self.owner is not None:
            rule = "participants" if self.owner.rule == "participants" else "statement-owner"
            return Attribution(self.owner.ref, rule, np, entity=self.owner.entity)
        if np.keys and np.keys[-1] in _DECLARATIONS and self.group.members:
            return self.joint(np)
        return Attribution(
            None, "ownerless-statement", np, "a statement whose issuer the report does not name"
        )

    # statements issued: "X نے ... بیان جاری کیا", "X کی جانب سے ... بیان جاری کیا گیا"
    def issued(self, unit: TextUnit, lo: int, hi: int) -> None:
        tokens = unit.tokens
        for d in range(lo, hi):
            if tokens[d].key not in _DOCUMENTS:
                continue
            if not any(tokens[k].key == _ISSUED for k in range(d + 1, min(d + 3, hi))):
                continue
            np = self.reading.analyse(tokens, subject_start(tokens, d + 1, lo), d + 1)
            erg = max((k for k in range(lo, d) if tokens[k].key == _ERGATIVE), default=None)
            side = max(
                (
                    k
                    for k in range(lo + 2, d)
                    if tokens[k].key == _FROM and tokens[k - 1].key in _SIDE
                ),
                default=None,
            )
            owner = None
            if erg is not None:
                owner = self.reading.analyse(tokens, subject_start(tokens, erg, lo), erg)
            elif side is not None:
                owner = self.reading.analyse(tokens, subject_start(tokens, side - 2, lo), side - 2)
            if (
                owner is not None
                and owner.tokens
                and (owner.keys[-1:] == (_BOTH,) or owner.kind == "group")
            ):
                owner = None
                np.joint = True
            if np.joint or (owner is not None and owner.kind == "other"):
                self.owner = self.joint(np)
            elif owner is not None and owner.tokens:
                found = self.resolve(owner)
                if found.ref is not None:
                    self.owner = found


def _gathering(np: NounPhrase) -> bool:
    """A summit, conference or meeting: its declaration speaks for all who took part."""
    keys = np.keys
    return bool(keys) and (keys[-1] in _GATHERINGS or "".join(keys[-2:]) in _GATHERINGS)


def _issuer(reading: Reading, tokens: Sequence[Token], np_start: int, lo: int) -> NounPhrase | None:
    """X in "X سے جاری بیان" and "X کی جانب سے جاری بیان" (the document phrase starts at
    np_start with جاری)."""
    if np_start >= len(tokens) or tokens[np_start].key != _ISSUED or np_start - 1 <= lo:
        return None
    at = np_start - 1
    if tokens[at].key != _FROM:
        return None
    end = at
    if at - 2 >= lo and tokens[at - 1].key in _SIDE and tokens[at - 2].key in _OF:
        end = at - 2
    start = subject_start(tokens, end, lo)
    return reading.analyse(tokens, start, end) if start < end else None


# -- claims -----------------------------------------------------------------------------------


def _claim_kind(keys: Sequence[str], verb: lexicon.ReportingVerb | None, places) -> str:
    """The verb's kind if it gives one; else the content's cues (lexicon.KIND_CUES, first
    match); a future (the last verb) said by the speaker's side (ہم, or a country as the content's subject:
    "پاکستان ... تعاون کرے گا") is a commitment; else an assertion."""
    if verb is not None and verb.kind:
        return verb.kind
    for words, cue in _CUES:
        n = len(words)
        if cue.anywhere:
            hit = any(tuple(keys[i : i + n]) == words for i in range(len(keys) - n + 1))
        else:
            hit = tuple(keys[-n:]) == words
        if not hit:
            continue
        if cue.kind == "commitment" and not _own_side(keys, places):
            continue
        return cue.kind
    if _FUTURE & set(keys[-4:]) and _own_side(keys, places):
        return "commitment"  # the main verb, at the end, is a future
    return "assertion"


def _own_side(keys: Sequence[str], places) -> bool:
    """The speaker's own side: a first-person word, or a country as the content's subject."""
    return bool(_FIRST_PERSON & set(keys)) or any(tuple(keys[: len(p)]) == p for p in places)


_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_NOT_IN_A_CLAIM = CLAUSE_MARKS | SENTENCE_ENDS | frozenset(":：-–—")


def _pairs(tokens: Sequence[Token], first: int, end: int) -> dict[int, int]:
    """Quotation marks and brackets that open and close inside tokens[first:end]."""
    pairs = quotations(tokens, first, end)
    stack: list[int] = []
    for i in range(first, end):
        key_ = tokens[i].key
        if tokens[i].word:
            continue
        if key_ in _BRACKETS:
            stack.append(i)
        elif stack and key_ == _BRACKETS[tokens[stack[-1]].key]:
            pairs[stack.pop()] = i
    return pairs


def claim_span(tokens: Sequence[Token], first: int, end: int) -> tuple[int, int] | None:
    """The claim's tokens in tokens[first:end]: from its first word to its last, with the
    quotation marks and brackets that open and close inside it and any other sign next to its
    words ("<", "%"), but no clause or sentence mark at either end; None when there is no
    word."""
    if not any(t.word for t in tokens[first:end]):
        return None
    pairs = _pairs(tokens, first, end)
    closers = set(pairs.values())
    a, b = first, end

    def loose(i: int, opening_side: bool) -> bool:
        t = tokens[i]
        if t.word:
            return False
        if t.key in _NOT_IN_A_CLAIM:
            return True
        if i in pairs:  # an opening mark: kept when its pair closes inside the claim
            return not opening_side or pairs[i] >= b
        if i in closers:
            return opening_side or next(o for o, c in pairs.items() if c == i) < a
        return t.key in OPENING_QUOTES | CLOSING_QUOTES or t.key in ")]}([{"

    while a < b and loose(a, True):
        a += 1
    while b > a and loose(b - 1, False):
        b -= 1
    return a, b


class _Extraction:
    """One document's claims, in reading order (see the module's docstring)."""

    def __init__(self, reading: Reading, participants: list[Participant], speaker_names):
        self.reading, self.source = reading, reading.source
        self.participants = participants
        self.present = {p.speaker_id for p in participants if p.speaker_id is not None}
        self.provisional = {p.speaker_id for p in participants if p.provisional}
        self.names = speaker_names or {}
        self.resolver = Resolver(reading, participants)
        self.claims: list[ExtractedClaim] = []

    def run(self) -> list[ExtractedClaim]:
        for u, unit in enumerate(self.reading.units):
            if unit.headline and unit.passage != TITLE:
                self.resolver.headline()
            turn = self._answer(unit)
            if turn is not None:
                self._turn(unit, turn)
                continue
            pending: list[int] = []  # sentences with no claim, for "یہ بات X نے کہی"
            for s, (lo, hi) in enumerate(unit.sentences):
                found = self.reading.reports[(u, s)]
                if unit.headline and not found:
                    found = self._headline(unit, lo, hi)
                self.resolver.issued(unit, lo, hi)
                made = 0
                for report in found:
                    made += self._report(unit, lo, report, pending)
                if not made:
                    pending.append(s)
                    self._narrative(unit, lo, hi)
                else:
                    pending = []
        return sorted(self.claims, key=lambda c: c.start)

    def _turn(self, unit: TextUnit, turn: str) -> None:
        """An interview's answer: each sentence is the interviewee's claim."""
        if turn != "answer":
            return
        who = self._interviewee()
        if who is None:
            return
        answer = Attribution(who.ref, who.rule, who.np, who.note, who.entity)
        for lo, hi in unit.sentences:
            report = reports.Report("interview-answer", lo, (0, 1), (0, 1), lo, hi)
            self._add(unit, lo, hi, answer, report, "interview-answer")

    def _narrative(self, unit: TextUnit, lo: int, hi: int) -> None:
        tokens = unit.tokens
        opening = self.reading.opening(tokens, lo, hi)
        if opening is not None:
            self.resolver.named(opening)
        for i in range(lo, hi):
            if tokens[i].key == _ERGATIVE:
                start = subject_start(tokens, i, lo)
                if start < i:
                    self.resolver.named(self.reading.analyse(tokens, start, i))

    def _headline(self, unit: TextUnit, lo: int, hi: int) -> list[reports.Report]:
        """A headline "X: C" or "«C»: X" (or "«C»، X"): X must be an alias, an office, an
        organisation or a name the report gives elsewhere."""
        tokens = unit.tokens
        pairs = quotations(tokens, lo, hi)
        if lo in pairs:  # «C»: X
            close = pairs[lo]
            start = close + 1
            while start < hi and tokens[start].mark(CLAUSE_MARKS | frozenset(":-–—")):
                start += 1
            end = hi
            while end > start and not tokens[end - 1].word:
                end -= 1
            if (
                start == close + 1
                or not 0 < end - start <= 7
                or not self._known(tokens, start, end)
            ):
                return []
            report = reports.Report("headline", lo, (start, end), (close, start), lo + 1, close)
            report.quoted = True
            return [report]
        colon = next((i for i in range(lo, hi) if tokens[i].mark(frozenset(":"))), None)
        if colon is None or colon == lo or colon - lo > 8 or colon + 1 >= hi:
            return []
        if not all(t.word for t in tokens[lo:colon]) or not self._known(tokens, lo, colon):
            return []
        return [reports.Report("headline", colon, (lo, colon), (colon, colon + 1), colon + 1, hi)]

    def _known(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        np = self.reading.analyse(tokens, start, end)
        return bool(
            self.reading.aliases.speaker_suffix(np.keys, ("person", "organisation"))
            or np.kind in ("role", "organisation")
            or (np.kind == "person" and self.reading.mentions.named(np, np.start) is not None)
        )

    def _answer(self, unit: TextUnit) -> str | None:
        """ "سوال: ..." or "جواب: ..." opening a paragraph of an interview, or None."""
        tokens = unit.tokens
        if unit.lo == 2 and tokens[1].mark(frozenset(":")):
            return {_QUESTION: "question", _ANSWER: "answer"}.get(tokens[0].key)
        return None

    def _interviewee(self) -> Attribution | None:
        """The one the title names with انٹرویو/گفتگو: "X کا خصوصی انٹرویو", "X سے گفتگو"."""
        for unit in self.reading.units:
            if not unit.headline:
                continue
            tokens = unit.tokens
            for i, t in enumerate(tokens):
                if t.key not in _INTERVIEW:
                    continue
                g = i - 1
                while (
                    g > 0 and tokens[g].word and tokens[g].key not in _OF | {_FROM} and i - g <= 2
                ):
                    g -= 1
                if g > 0 and tokens[g].key in _OF | {_FROM}:
                    start = subject_start(tokens, g, 0)
                    if start < g:
                        found = self.resolver.resolve(self.reading.analyse(tokens, start, g))
                        if found.ref is not None:
                            return found
        return self.resolver.current

    def _report(self, unit: TextUnit, lo: int, report: reports.Report, pending) -> int:
        tokens = unit.tokens
        attribution = self._attribute(unit, lo, report)
        if attribution.rule == "media":
            return 0
        made = 0
        if report.target == "previous":
            for s in pending:
                a, b = unit.sentences[s]
                made += self._add(unit, a, b, attribution, report, "speaker-after")
            if made:
                self.resolver.spoke(attribution, report.verb)
            return made
        for frame in report.frames:
            reporting = self.source[tokens[frame.phrase].start : tokens[frame.last].end]
            made += self._add(
                unit, frame.first, frame.last + 1, attribution, report, "participial-frame",
                kind=frame.kind, reporting=reporting,
            )  # fmt: skip
        made += self._add(unit, report.content, report.end, attribution, report, report.rule)
        if made:
            self.resolver.spoke(attribution, report.verb)
        return made

    def _attribute(self, unit: TextUnit, lo: int, report: reports.Report) -> Attribution:
        tokens = unit.tokens
        if report.subject is None:
            return Attribution(None, "ownerless-statement", None, "no subject")
        np = self.reading.analyse(tokens, *report.subject)
        if np.kind == "document":
            issuer = _issuer(self.reading, tokens, report.subject[0], lo)
            return self.resolver._document(np, issuer)
        if report.rule == "according-to" and not self._source_of_speech(np, tokens, report):
            return Attribution(None, "media", np)  # "معاہدے کے مطابق": in line with, no report
        return self.resolver.resolve(np)

    def _source_of_speech(self, np: NounPhrase, tokens, report: reports.Report) -> bool:
        """Can the X of "X کے مطابق" speak? A pronoun, an office, an organisation, officials, a
        document, the participants, or a name the report (or the archive) knows; "بقول" always
        names one. An unknown word ("معاہدے", "قانون") means "in line with"."""
        if np.kind == "other":
            return False
        if tokens[report.trigger].key != reports.ACCORDING or np.kind != "person":
            return True
        if np.has("role", "honorific"):
            return True
        entity = self.reading.mentions.named(np, np.start)
        named_elsewhere = entity is not None and any(p != np.start for p in entity.positions)
        return named_elsewhere or bool(self.reading.aliases.speaker_suffix(np.keys, ("person",)))

    def _add(self, unit, first, end, attribution, report, claim_rule, kind=None, reporting=None):
        span = claim_span(unit.tokens, first, end)
        if span is None:
            return 0
        tokens = unit.tokens
        a, b = span
        keys = [t.key for t in tokens[a:b] if t.word]
        if reporting is None:
            p0, p1 = report.phrase
            reporting = self.source[tokens[p0].start : tokens[max(p0, p1 - 1)].end]
        ref = attribution.ref
        np = attribution.np
        confidence = attribution.confidence * CLAIM_RULE_FACTOR.get(claim_rule, 1.0)
        claim = ExtractedClaim(
            paragraph=unit.passage,
            start=tokens[a].start,
            end=tokens[b - 1].end,
            kind=kind or _claim_kind(keys, report.verb, self.reading.places),
            reporting_phrase=" ".join(reporting.split()),
            attribution=f"{attribution.rule}:{claim_rule}",
            speaker=ref,
            subject=np.text if np else "",
            subject_start=np.start if np else None,
            subject_end=np.end if np else None,
            confidence=round(confidence, 2),
            review_note=self._note(attribution, confidence),
            topic_ids=self.reading.aliases.topics(keys),
        )
        self.claims.append(claim)
        return 1

    def _note(self, attribution: Attribution, confidence: float) -> str:
        ref = attribution.ref
        subject = attribution.np.text if attribution.np else ""
        notes = []
        if attribution.note:
            notes.append(attribution.note)
        if ref is not None and ref.speaker_id is not None:
            if self.present and ref.speaker_id not in self.present and attribution.rule == "alias":
                name = self.names.get(ref.speaker_id) or f"speaker {ref.speaker_id}"
                notes.append(
                    f"the named speaker ({name}, «{subject}») is not a participant of this "
                    "meeting; the source may mean another speaker"
                )
            elif ref.speaker_id in self.provisional:
                notes.append(
                    f"the speaker «{ref.name}» is not in the archive yet (a provisional record "
                    "was made from the title): complete it or merge it with a known speaker"
                )
        elif ref is not None and not attribution.note and ref.kind == "unnamed":
            # (people, offices and organisations no alias resolves: the service resolves
            # them through statements/speakers, and notes what it could not)
            notes.append(
                f"the subject «{subject}» matches no speaker or alias: a provisional speaker "
                f"«{ref.name}» was made; complete it or merge it with a known speaker"
            )
        if confidence < REVIEW_BELOW and not attribution.note:
            notes.append(f"attribution confidence {confidence:.2f} ({attribution.rule})")
        return "; ".join(dict.fromkeys(notes))


def read(doc: ParsedDocument, aliases: AliasIndex) -> Reading:
    """Read a document once (units, reports, names, participants); extract() and
    participants() share it."""
    cached = getattr(doc, "_reading", None)
    if cached is not None and cached.aliases is aliases:
        return cached
    reading = Reading(doc, aliases)
    doc._reading = reading
    return reading


def participants(doc: ParsedDocument, aliases: AliasIndex) -> list[Participant]:
    """Who met: the participants the title, its standfirst and the first sentence name
    (meetings.py), each with the fullest name the report gives them."""
    return read(doc, aliases).participants


def extract(
    doc: ParsedDocument,
    aliases: AliasIndex,
    participants: list[Participant],
    speaker_names: dict[int, str] | None = None,
) -> list[ExtractedClaim]:
    """Every attributed claim of the document, in reading order."""
    return _Extraction(read(doc, aliases), participants, speaker_names).run()


def passages_of(doc: ParsedDocument, claims: list[ExtractedClaim]) -> list[Span]:
    """The passages to save: the paragraphs, and the title first when a claim lies in it."""
    if any(c.paragraph == TITLE for c in claims):
        return [doc.title_span, *doc.paragraphs]
    return list(doc.paragraphs)


__all__ = [
    "AliasIndex",
    "ExtractedClaim",
    "Participant",
    "SpeakerRef",
    "extract",
    "participants",
    "passages_of",
    "tokenize",
]
