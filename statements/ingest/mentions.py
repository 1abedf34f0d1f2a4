"""Who a document names, and whom each subject means.

Inside one report a speaker is named many ways: "ترجمان دفتر خارجہ ڈاکٹر محمد فیصل", then
"ترجمان", "ڈاکٹر فیصل", "انہوں", "ان". The names the document gives are gathered into entities
(one per person or organisation: a shorter form of a name joins the fuller one, spelled joined or
spaced alike); a subject is then resolved to one of them:

- a continuing pronoun (انہوں، ان، وہ) to the current speaker, whom only top-level reports set
  (never a name inside a claim, never narrative); the honorific آپ to the last speaker reported
  with فرمایا; with no speaker yet, to the last person the narrative named;
- a name to the entity holding it;
- an office alone ("وزیر خارجہ", "ترک صدر") to the current speaker if the office is one of the
  offices it was named with, else to the person named with exactly that office, else with an
  office that includes it (nearest before, then after).

Who the person is beyond this document (reference data, dated offices, merging) is not decided
here: an entity the aliases do not know goes to the service as a SpeakerRef, and the service's
one function for provisional speakers makes or finds its record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from statements.ingest.nps import NounPhrase
from statements.ingest.tokens import key

_SKELETON = str.maketrans(
    {"ٹ": "ت", "ڈ": "د", "ڑ": "ر", "ا": "", "و": "", "ی": "", "ے": "", "ء": ""}
)
_GENITIVES = frozenset(key(w) for w in ("کا", "کی", "کے"))


def _skeleton(word: str) -> str:
    return (word[:1] + word[1:].translate(_SKELETON)) if word else word


def name_contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    """`small` is a run of `big` at word boundaries, spelled joined or spaced alike
    ("شہبازشریف" in "محمد شہباز شریف") and with or without long vowels ("جئے"/"جے")."""
    big = tuple(w for w in big if w not in _GENITIVES)
    small = tuple(w for w in small if w not in _GENITIVES)
    if not small or not big:
        return False
    target = "".join(_skeleton(w) for w in small)
    for i in range(len(big)):
        joined = ""
        for j in range(i, len(big)):
            joined += _skeleton(big[j])
            if joined == target:
                return True
            if len(joined) >= len(target):
                break
    return False


@dataclass(frozen=True)
class SpeakerRef:
    """Whom a claim's subject means, as far as the document tells: what the service needs to
    find or make the Speaker (statements.ingest.service._resolve)."""

    kind: str  # person, role (an office named without a name), organisation, unnamed, group
    name: str  # the bare name; for an office, organisation or unnamed source: the phrase
    role: str = ""  # the office the document gives a person ("چین کے صدر")
    speaker_id: int | None = None  # known already (an alias, a participant)
    members: tuple[int, ...] = ()  # of a group: the speakers who speak jointly
    identity: tuple = ()  # the same entity of the document, whatever its phrase

    @property
    def resolved(self) -> bool:
        return self.speaker_id is not None


@dataclass
class Entity:
    kind: str  # person or organisation
    np: NounPhrase  # its fullest mention
    source: str
    names: list[tuple[str, ...]] = field(default_factory=list)
    signatures: list[frozenset[str]] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    speaker_id: int | None = None
    number: int = 0

    def ref(self) -> SpeakerRef:
        np = self.np
        if self.kind == "organisation":
            name = " ".join(np.text.split())
            return SpeakerRef(
                "organisation", name, "", self.speaker_id, (), ("entity", self.number)
            )
        name = " ".join(np.name_text(self.source).split()) or " ".join(np.text.split())
        role = " ".join(np.role_text(self.source).split())
        return SpeakerRef("person", name, role, self.speaker_id, (), ("entity", self.number))

    def nearest(self, pos: int) -> tuple[int, int]:
        """Sort key: mentioned before pos (the nearest first), then after it."""
        before = [p for p in self.positions if p <= pos]
        if before:
            return (0, pos - max(before))
        return (1, min(self.positions) - pos)


def _org_words(np: NounPhrase) -> tuple[str, ...]:
    return tuple(k for k in np.keys if k not in _GENITIVES)


class Mentions:
    """The persons and organisations a document names, in the order it names them."""

    def __init__(self, source: str):
        self.source = source
        self.entities: list[Entity] = []

    def add(self, np: NounPhrase, pos: int, speaker_id: int | None = None) -> Entity | None:
        if np.kind == "person" and np.name:
            words, kind = np.name, "person"
        elif np.kind == "organisation":
            words, kind = _org_words(np), "organisation"
        else:
            return None
        entity = self._find(kind, words, pos)
        if entity is None:
            entity = Entity(kind, np, self.source, number=len(self.entities))
            self.entities.append(entity)
        entity.names.append(words)
        if np.signature:
            entity.signatures.append(np.signature)
        entity.positions.append(pos)
        if len(words) > len(entity.names[0]) and len(words) >= max(len(n) for n in entity.names):
            entity.np = np
            entity.names.insert(0, entity.names.pop())
        if speaker_id is not None and entity.speaker_id is None:
            entity.speaker_id = speaker_id
        return entity

    def _find(self, kind: str, words: tuple[str, ...], pos: int) -> Entity | None:
        candidates = [
            e
            for e in self.entities
            if e.kind == kind
            and any(name_contains(n, words) or name_contains(words, n) for n in e.names)
        ]
        if not candidates:
            return None
        return min(candidates, key=lambda e: e.nearest(pos))

    def named(self, np: NounPhrase, pos: int) -> Entity | None:
        """The entity a subject with a name (or an organisation) means."""
        if np.kind == "person" and np.name:
            return self._find("person", np.name, pos)
        if np.kind == "organisation":
            return self._find("organisation", _org_words(np), pos)
        return None

    def by_office(self, np: NounPhrase, pos: int, current: Entity | None) -> Entity | None:
        """The person an office named alone means (see the module's docstring)."""
        office = np.signature
        if not office:
            return None
        people = [e for e in self.entities if e.kind == "person"]
        holds = [e for e in people if any(office <= s for s in e.signatures)]
        if current is not None and current in holds:
            return current
        exact = [e for e in holds if office in e.signatures]
        for group in (exact, holds):
            if group:
                return min(group, key=lambda e: e.nearest(pos))
        return None
