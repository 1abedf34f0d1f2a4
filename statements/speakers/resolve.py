"""Who a subject is: the speaker a report means by "روسی وزیر خارجہ", "لاوروف" or "امریکی سفیر
ڈونلڈ بلوم", on the meeting's day, among its participants.

    resolver = Resolver(date, participant_ids)
    resolution = resolver.resolve("روسی وزیر خارجہ")  # Sergey Lavrov in 2010, Igor Ivanov in 2003

In order: the meeting's participants (by name or by the office they hold that day); a known
alias of the phrase or of its end; the name (folded, other spellings, the other script, the
surname with the country); the office held on the day (statements.models.Role); an institution
of a country (its foreign ministry); and only then a new provisional speaker, named by the name
alone (honorifics and role words go to its role) with a suggested English name. A name that fits
several speakers goes to the likeliest and is flagged for review with the others listed; a role
nobody held that day goes to the unidentified speaker, flagged, never to a speaker named after
the role.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, Value
from django.utils.text import slugify

from statements import urdu
from statements.models import Alias, Role, Speaker, Topic, UrduNormalize
from statements.speakers import lexicon, names, refdata, subject, translit

UNIDENTIFIED_SPEAKER = {
    "slug": "unidentified",
    "name": "نامعلوم",
    "name_en": "Unidentified speaker",
}
CONFIDENT = 0.86  # a name scoring this well against one speaker only is that speaker
RECENT_SPEAKERS = 4  # a bare title may refer back to one of this many latest speakers


@dataclass
class Resolution:
    speaker: Speaker
    confidence: float
    rule: str  # participant, alias, name, surname, role, institution, group, provisional, unidentified
    note: str = ""  # set: the attribution needs an editor's review, and why
    candidates: list[Speaker] = field(default_factory=list)
    created: bool = False


class Resolver:
    """Resolves the subjects of one document: its date and its participants are fixed."""

    def __init__(self, date: datetime.date, participant_ids=(), home: str = ""):
        self.date = date
        self.home = home  # the country the report is datelined from ("نئی دہلی:" is IN)
        self.participants = list(Speaker.objects.filter(pk__in=list(participant_ids)))
        self.earlier: list[int] = []  # speakers of the document's claims so far, in order
        self._cache: dict[str, Resolution] = {}
        self._phrases: dict[str, subject.Subject] = {}
        self._held: dict[tuple, Speaker | None] = {}

    def resolve(self, text: str) -> Resolution:
        key = urdu.fold(" ".join(text.split()))
        if key not in self._phrases:
            self._phrases[key] = subject.parse(text)
        phrase = self._phrases[key]
        if not phrase.name and phrase.offices and not phrase.countries + phrase.organisations:
            found = self._mentioned_before(phrase)  # "ترجمان نے مزید کہا": the one just quoted
            if found is not None:
                return found
        if key not in self._cache:
            self._cache[key] = self._resolve(text)
        return self._cache[key]

    def _mentioned_before(self, phrase: subject.Subject) -> Resolution | None:
        """A bare title ("the spokesperson") after one of the last few speakers of this
        document who held it."""
        recent = list(dict.fromkeys(reversed(self.earlier)))[:RECENT_SPEAKERS]
        for speaker_id in recent:
            key = (speaker_id, frozenset(phrase.offices))
            if key not in self._held:
                speaker = Speaker.objects.filter(pk=speaker_id).first()
                holds = speaker is not None and self._holds(speaker, phrase, any_country=True)
                self._held[key] = speaker if holds else None
            if self._held[key] is not None:
                return Resolution(self._held[key], 0.75, "role-in-document")
        return None

    def _resolve(self, text: str) -> Resolution:
        phrase = subject.parse(text)
        if not phrase.words:
            return _unidentified(f"the subject «{text}» names nobody")
        if phrase.parts:
            return self._group(phrase)
        if phrase.collective and not phrase.name:
            return self._participants_jointly(phrase)
        for step in (self._participant, self._alias, self._name, self._role, self._institution):
            found = step(phrase)
            if found is not None:
                return found
        if phrase.name:
            return self._provisional(phrase)
        return _unidentified(
            f"the subject «{phrase.text}» is a role ({phrase.role}) that no speaker in the "
            f"archive held on {self.date:%Y-%m-%d}: say who it is (reattribute)"
        )

    # --- the steps, in order ---------------------------------------------------------------

    def _participant(self, phrase: subject.Subject) -> Resolution | None:
        matches = []
        for speaker in self.participants:
            if phrase.name:
                score = _best_score(phrase.name, speaker)
                if score >= CONFIDENT:
                    matches.append((score, speaker))
            elif phrase.has_role and self._holds(speaker, phrase):
                matches.append((0.9, speaker))
        if len(matches) == 1:
            return Resolution(matches[0][1], 0.95, "participant")
        return None

    def _alias(self, phrase: subject.Subject) -> Resolution | None:
        """The whole phrase, or its end, is a known alias ("صدر پیوٹن"). Not an institution
        named without its country ("وزارت خارجہ"): every country has one, and the alias of one
        of them says nothing of which this is (_institution decides, by the report's country)."""
        if phrase.institution and not phrase.name and not phrase.countries:
            return None
        for start in range(len(phrase.words)):
            form = urdu.fold(" ".join(phrase.words[start:]))
            speakers = {
                a.speaker_id for a in Alias.objects.filter(normalized=form, speaker__isnull=False)
            }
            if len(speakers) == 1:
                return Resolution(Speaker.objects.get(pk=speakers.pop()), 1.0, "alias")
            if speakers:
                return self._choose(phrase, list(Speaker.objects.filter(pk__in=speakers)), "alias")
        return None

    def _name(self, phrase: subject.Subject) -> Resolution | None:
        if not phrase.name:
            return None
        found = names.candidates(phrase.name)
        whole = [c for c in found if not c.partial]
        if whole:
            top = [c for c in whole if c.score >= whole[0].score - 0.03]
            speakers = list(Speaker.objects.filter(pk__in=[c.id for c in top]))
            if whole[0].score >= CONFIDENT:
                return self._choose(phrase, speakers, "name", whole[0].score)
        surname = [c for c in found if c.partial and c.score >= CONFIDENT]
        if surname:
            speakers = list(Speaker.objects.filter(pk__in=[c.id for c in surname]))
            narrowed = self._narrow(phrase, speakers)
            if len(narrowed) == 1:
                return Resolution(narrowed[0], 0.8, "surname")
            return self._choose(phrase, narrowed, "surname", 0.6)
        return None

    def _role(self, phrase: subject.Subject) -> Resolution | None:
        if phrase.name or not phrase.offices:
            return None
        countries = phrase.countries + phrase.organisations
        if not countries:
            countries = [s.country for s in self.participants if s.country]
        if not countries and self.home:
            countries = [self.home]  # "وزیر خارجہ" in a report from New Delhi: India's
        if not countries:
            return None  # "the prime minister" of no country and no meeting: nobody in particular
        holders = self._holders(phrase, countries)
        if len(holders) == 1:
            sure = 0.85 if phrase.countries or phrase.organisations else 0.6
            note = (
                ""
                if sure > 0.6
                else (
                    f"the subject «{phrase.text}» names no country: taken as {holders[0]}, who held "
                    f"that office in a participant's country, or the country the report is "
                    f"datelined from, on {self.date:%Y-%m-%d}"
                )
            )
            return Resolution(holders[0], sure, "role", note)
        if len(holders) > 1:
            return Resolution(
                holders[0], 0.4, "role", self._ambiguous(phrase, holders), candidates=holders
            )
        return None

    def _institution(self, phrase: subject.Subject) -> Resolution | None:
        """ "وزارت خارجہ", "ایرانی وزارت خارجہ": an institution (an organisation speaker)."""
        if phrase.name or (phrase.has_role and not phrase.institution):
            return None
        org = phrase.organisations[-1] if phrase.organisations and not phrase.institution else ""
        if org:
            return self._organisation(org)
        if not phrase.institution:
            return None
        home = lexicon.INSTITUTION_HOME.get(phrase.institution, "")
        country = home or (phrase.countries[-1] if phrase.countries else self.home)
        place = refdata.country_names().get(country, {})
        own = lexicon.INSTITUTION_NAMES.get((phrase.institution, country), phrase.institution)
        name_en = own + (f" of {place['name_en']}" if place and not home else "")
        existing = Speaker.objects.filter(kind=Speaker.Kind.ORGANISATION, name_en=name_en).first()
        if existing:
            _add_alias(existing, phrase.text)
            return Resolution(existing, 0.85, "institution")
        name = phrase.role or phrase.text
        if place and not home and not phrase.countries:  # "وزارت خارجہ (بھارت)": a bare form
            name = f"{name} ({place['names_ur'][0]})"  # is every country's, never an alias
        speaker = _create(
            name=name, name_en=name_en, country=country, kind=Speaker.Kind.ORGANISATION,
            aliases=False,
        )  # fmt: skip
        Alias.objects.create(speaker=speaker, text=name_en[:200], language=Alias.Language.ENGLISH)
        _add_alias(speaker, name)
        _add_alias(speaker, phrase.text)
        note = "" if country else f"«{phrase.text}» names no country: say whose it is"
        return Resolution(speaker, 0.7, "institution", note, created=True)

    def _organisation(self, key: str) -> Resolution:
        org = refdata.organisation_names()[key]
        topic = Topic.objects.filter(kind="organisation", name_en=org["name_en"]).first()
        if topic and topic.speaker_id:
            return Resolution(topic.speaker, 0.9, "organisation")
        speaker = Speaker.objects.filter(
            kind=Speaker.Kind.ORGANISATION, name_en=org["name_en"]
        ).first()
        if speaker is None:
            speaker = _create(
                name=org["names_ur"][0], name_en=org["name_en"], kind=Speaker.Kind.ORGANISATION,
                wikidata_id=org.get("wikidata", ""), provisional=False,
            )  # fmt: skip
        if topic and topic.speaker_id is None:
            topic.speaker = speaker
            topic.save(update_fields=["speaker"])
        return Resolution(speaker, 0.9, "organisation")

    def _group(self, phrase: subject.Subject) -> Resolution:
        members = [self.resolve(part.text) for part in phrase.parts]
        return self._group_of([m.speaker for m in members], members)

    def _group_of(self, people: list[Speaker], members: list[Resolution]) -> Resolution:
        group = (
            Speaker.objects.filter(kind=Speaker.Kind.GROUP, members__in=people)
            .distinct()
            .filter(pk__in=[g.pk for g in _groups_of_exactly(people)])
            .first()
        )
        created = group is None
        if created:
            group = _create(
                name=" اور ".join(p.name for p in people),
                name_en=" and ".join(p.name_en or p.suggested_name_en or p.name for p in people),
                kind=Speaker.Kind.GROUP,
            )
            group.members.set(people)
        notes = [m.note for m in members if m.note]
        sure = min((m.confidence for m in members), default=0.8)
        return Resolution(group, sure, "group", "; ".join(notes), created=created)

    def _participants_jointly(self, phrase: subject.Subject) -> Resolution:
        """ "دونوں رہنماؤں", "فریقین": the meeting's participants, as a group."""
        people = [p for p in self.participants if p.kind == Speaker.Kind.PERSON]
        if len(people) < 2:
            return _unidentified(f"«{phrase.text}» speaks for the participants, but the meeting "
                                 "names fewer than two")  # fmt: skip
        return self._group_of(people, [])

    def _provisional(self, phrase: subject.Subject) -> Resolution:
        country = (phrase.countries or [""])[-1]
        offices = sorted({o for o, c in phrase.offices if c in (None, country)})
        role_en = refdata.office_title(offices[0], country)[1] if offices and country else ""
        speaker = _create(
            name=phrase.name, role=phrase.role, role_en=role_en, country=country,
            suggested_name_en=translit.romanize(phrase.name, refdata.name_words()),
        )  # fmt: skip
        note = (
            f"the speaker «{phrase.name}» is not in the archive yet: a provisional record was "
            "made; complete it (confirm the suggested English name) or merge it with a known "
            "speaker"
        )
        return Resolution(speaker, 0.5, "provisional", note, created=True)

    # --- helpers -----------------------------------------------------------------------------

    def _choose(self, phrase, speakers: list[Speaker], rule: str, score: float = 1.0):
        """One of `speakers`: the only one, or the one the phrase's country and office fit."""
        narrowed = self._narrow(phrase, speakers) if len(speakers) > 1 else speakers
        if len(narrowed) == 1:
            return Resolution(narrowed[0], min(score, 0.95), rule)
        ranked = sorted(narrowed or speakers, key=lambda s: (s.is_provisional, s.pk))
        return Resolution(ranked[0], 0.4, rule, self._ambiguous(phrase, ranked), candidates=ranked)

    def _narrow(self, phrase, speakers: list[Speaker]) -> list[Speaker]:
        """The speakers the phrase's country, office (held that day) or the meeting fit."""
        out = speakers
        if phrase.countries:
            out = [s for s in out if s.country in phrase.countries] or out
        if phrase.offices:
            out = [s for s in out if self._holds(s, phrase)] or out
        present = {p.pk for p in self.participants}
        if len(out) > 1 and present & {s.pk for s in out}:
            out = [s for s in out if s.pk in present]
        return out

    def _holds(self, speaker: Speaker, phrase: subject.Subject, *, any_country=False) -> bool:
        countries = phrase.countries + phrase.organisations
        if any_country:  # the office of whichever country the speaker held it for
            countries = list(speaker.roles.values_list("of", flat=True).distinct())
        return speaker in self._holders(phrase, countries, [speaker.pk])

    def _holders(self, phrase, countries, speaker_ids=None) -> list[Speaker]:
        wanted = Q()
        for office, only in phrase.offices:
            for country in countries or [None]:
                if only is None or only == country:
                    wanted |= Q(office=office, **({"of": country} if country else {}))
        if not wanted:
            return []
        roles = Role.objects.filter(wanted).filter(
            Q(start__isnull=True) | Q(start__lte=self.date),
            Q(end__isnull=True) | Q(end__gt=self.date),
        )
        if speaker_ids is not None:
            roles = roles.filter(speaker_id__in=speaker_ids)
        ids = list(dict.fromkeys(roles.order_by("-start").values_list("speaker_id", flat=True)))
        found = Speaker.objects.in_bulk(ids)
        return [found[i] for i in ids]

    def _ambiguous(self, phrase, speakers: list[Speaker]) -> str:
        listed = "; ".join(f"{s} (id {s.pk})" for s in speakers[:6])
        return (
            f"the subject «{phrase.text}» may be any of: {listed}; taken as the first: "
            "reattribute if it is another"
        )


def _best_score(name: str, speaker: Speaker) -> float:
    forms = [speaker.name, speaker.name_en, *speaker.aliases.values_list("text", flat=True)]
    return max((translit.name_similarity(name, f) for f in forms if f), default=0.0)


def _groups_of_exactly(people: list[Speaker]) -> list[Speaker]:
    wanted = {p.pk for p in people}
    return [
        g for g in Speaker.objects.filter(kind=Speaker.Kind.GROUP, members__in=people).distinct()
        if set(g.members.values_list("pk", flat=True)) == wanted
    ]  # fmt: skip


def _create(*, name: str, provisional: bool = True, aliases: bool = True, **values) -> Speaker:
    base = slugify(values.get("name_en") or values.get("suggested_name_en") or "") or slugify(
        name, allow_unicode=True
    )
    speaker = Speaker(
        name=name[:200], slug=_unique_slug(base), is_provisional=provisional, **values
    )
    speaker._change_reason = "made by the ingest for a new speaker"
    speaker.save()
    if aliases:
        names.ensure_name_aliases(speaker)
    return speaker


def _add_alias(speaker: Speaker, text: str) -> None:
    """The form a report used for an institution, as its alias, when it names the country
    ("ایرانی وزارت خارجہ", "وزارت خارجہ ایران") or the institution is one country's
    ("آئی ایس پی آر"): a bare "وزارت خارجہ" is every country's, and as an alias would give
    the next report's ministry to this one (search finds the bare forms by their meaning:
    statements/search/names.py)."""
    text = " ".join(text.split())[:200]
    phrase = subject.parse(text)
    own = phrase.countries or lexicon.INSTITUTION_HOME.get(phrase.institution)
    if not own and not text.endswith(")"):  # (or a name made with its country in brackets)
        return
    if text and not speaker.aliases.filter(normalized=UrduNormalize(Value(text))).exists():
        Alias.objects.create(speaker=speaker, text=text, language=Alias.Language.URDU)


def _unique_slug(base: str) -> str:
    base = (base or "speaker")[:180].strip("-") or "speaker"
    slug, n = base, 2
    while Speaker.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _unidentified(note: str) -> Resolution:
    speaker, _ = Speaker.objects.get_or_create(
        slug=UNIDENTIFIED_SPEAKER["slug"], defaults={**UNIDENTIFIED_SPEAKER, "is_provisional": True}
    )
    return Resolution(speaker, 0.2, "unidentified", note)
