"""The reference data (statements/speakers/data/) into the archive: countries and capitals as
topics, organisations as topics, people as speakers with their aliases and dated roles.

`load_reference()` is idempotent and never overwrites an editor: every entry it writes has a
ReferenceRecord holding the values *as loaded*. A later load changes a field only while the
archive still holds the loaded value (the file changed, the editor did not), adds an alias or a
role only if it never loaded it before (one an editor deleted stays deleted), and removes one
the file dropped only if it is still as loaded. A speaker or topic that exists before its first
load (the seed's, migration 0004 and 0008's gazetteer) is adopted: its empty fields are filled,
the others kept.

Forms the data marks as ambiguous (`ambiguous_ur`: چین is also "peace", مالی "financial") are
not made topic aliases: tagging every claim that says مالی امداد with Mali would be wrong. The
role parser still reads them next to an office (چینی وزیر خارجہ). A single-word Urdu form that
two people share (رائس, کلنٹن) is no alias of either: the resolver decides such surnames with
the country and the date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.text import slugify

from statements import urdu
from statements.models import Alias, ReferenceRecord, Role, Speaker, Topic
from statements.speakers.refdata import (
    countries,
    office_title,
    organisations,
    people,
    places,
    role_phrase,
)

HISTORY_REASON = "loaded from the reference data"

SPEAKER_FIELDS = ("name", "name_en", "role", "role_en", "country", "wikidata_id", "kind")
TOPIC_FIELDS = ("name", "name_en", "kind", "country", "wikidata_id")
ROLE_FIELDS = ("title", "title_en", "end")


# --- what the files say, as rows ---------------------------------------------------------------


@dataclass
class Entry:
    """One reference entry: the values of its speaker or topic, its aliases and its roles."""

    key: str
    model: type
    values: dict
    match: dict  # how to find a row that already stands for it (adoption)
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (language, text)
    roles: list[dict] = field(default_factory=list)

    def snapshot(self) -> dict:
        return {
            "values": self.values,
            "aliases": [text for _, text in self.aliases],
            "roles": {_role_key(r): {f: r[f] for f in ROLE_FIELDS} for r in self.roles},
        }


def _role_key(role: dict) -> str:
    return f"{role['office']}|{role['of']}|{role['start'] or ''}"


def _forms(language: str, texts, ambiguous=()) -> list[tuple[str, str]]:
    skip = {urdu.fold(a) for a in ambiguous}
    return [(language, t) for t in dict.fromkeys(texts) if t and urdu.fold(t) not in skip]


def entries() -> list[Entry]:
    return [
        *_country_entries(),
        *_place_entries(),
        *_organisation_entries(),
        *_person_entries(),
    ]


def _country_entries() -> list[Entry]:
    out = []
    for c in countries():
        amb = c.get("ambiguous_ur", {})
        out.append(
            Entry(
                f"country:{c['code']}",
                Topic,
                {
                    "name": c["names_ur"][0],
                    "name_en": c["name_en"],
                    "kind": "country",
                    "country": c["code"],
                    "wikidata_id": c.get("wikidata", ""),
                },
                {"kind": "country", "country": c["code"]},
                _forms("ur", c["names_ur"] + c.get("adjectives_ur", []), amb)
                + _forms("en", [c["name_en"], *c.get("names_en", []), *c.get("adjectives_en", [])]),
            )
        )
        same_as_country = c["capital_en"].casefold().startswith(c["name_en"].casefold()) or (
            c.get("capital_ur", [""])[0] in c["names_ur"]
        )  # a city-state, or a capital spelt as its country: the country's topic serves
        if c.get("capital_ur") and not same_as_country:
            out.append(
                Entry(
                    f"capital:{c['code']}",
                    Topic,
                    {
                        "name": c["capital_ur"][0],
                        "name_en": c["capital_en"],
                        "kind": "place",
                        "country": c["code"],
                        "wikidata_id": "",
                    },
                    {"kind": "place", "country": c["code"], "name_en": c["capital_en"]},
                    _forms("ur", c["capital_ur"], amb) + _forms("en", [c["capital_en"]]),
                )
            )
    return out


def _place_entries() -> list[Entry]:
    """Regions, disputed territories, cities and seas reports name beside the countries and
    capitals (places.json): topics with their Urdu and English names, so that a claim saying
    غزہ is tagged with Gaza and the English `Gaza` finds it."""
    return [
        Entry(
            f"place:{p['name_en']}",
            Topic,
            {
                "name": p["names_ur"][0],
                "name_en": p["name_en"],
                "kind": "place",
                "country": p.get("country", ""),
                "wikidata_id": p.get("wikidata", ""),
            },
            {"kind": "place", "name_en": p["name_en"]},
            _forms("ur", p["names_ur"], p.get("ambiguous_ur", {}))
            + _forms("en", [p["name_en"], *p.get("names_en", [])]),
        )
        for p in places()
    ]


def _organisation_entries() -> list[Entry]:
    return [
        Entry(
            f"organisation:{o['key']}",
            Topic,
            {
                "name": o["names_ur"][0],
                "name_en": o["name_en"],
                "kind": "organisation",
                "country": "",
                "wikidata_id": o.get("wikidata", ""),
            },
            {"kind": "organisation", "name_en": o["name_en"]},
            _forms("ur", o["names_ur"])
            + _forms("en", [o["name_en"], *o.get("names_en", []), *o.get("abbreviations", [])]),
        )
        for o in organisations()
    ]


def _person_entries() -> list[Entry]:
    everyone = people()
    owners = Counter(
        form
        for p in everyone
        for form in {urdu.fold(n) for n in p["names_ur"] if len(n.split()) == 1}
    )
    out = []
    for p in everyone:
        roles = [
            {
                "office": r["office"],
                "of": r["of"],
                "start": r["from"],
                "end": r["to"],
                "title": office_title(r["office"], r["of"])[0],
                "title_en": office_title(r["office"], r["of"])[1],
            }
            for r in p["roles"]
        ]
        latest = max(
            p["roles"] or [{"office": "", "of": "", "to": None, "from": ""}],
            key=lambda r: (r["to"] is None, r["to"] or "", r["from"]),
        )
        shared = [n for n in p["names_ur"] if len(n.split()) == 1 and owners[urdu.fold(n)] > 1]
        out.append(
            Entry(
                f"person:{p['name_en']}",
                Speaker,
                {
                    "name": _display_name(p["names_ur"]),
                    "name_en": p["name_en"],
                    "kind": "person",
                    "country": p.get("country", ""),
                    "wikidata_id": p.get("wikidata", ""),
                    "role": role_phrase(latest["office"], latest["of"]) if roles else "",
                    "role_en": office_title(latest["office"], latest["of"])[1] if roles else "",
                },
                {"name_en": p["name_en"], "wikidata_id": p.get("wikidata", "")},
                _forms("ur", p["names_ur"], shared)
                + _forms("en", [p["name_en"], *p.get("names_en", [])]),
                roles,
            )
        )
    return out


def _display_name(names_ur: list[str]) -> str:
    """The first spelling that is a bare name (no honorific or title: "ڈاکٹر محمد فیصل" is
    an alias, "محمد فیصل" the name), else the first."""
    from statements.speakers import subject

    for name in names_ur:
        if subject.parse(name).name == " ".join(name.split()):
            return name
    return names_ur[0]


# --- loading ----------------------------------------------------------------------------------


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)  # editors' values left alone
    removed: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        out = []
        for what, counter in (
            ("created", self.created),
            ("updated", self.updated),
            ("removed", self.removed),
            ("kept (changed by an editor)", self.kept),
        ):
            counter = +counter  # without the zeros
            if counter:
                out.append(f"{what}: " + ", ".join(f"{n} {k}" for k, n in sorted(counter.items())))
        return out or ["nothing to change"]


def load_reference(*, only: set[str] | None = None) -> LoadReport:
    """Load every entry (or those whose key is in `only`) in one transaction."""
    report = LoadReport()
    records = {r.key: r for r in ReferenceRecord.objects.all()}
    todo = [e for e in entries() if only is None or e.key in only]
    todo = [e for e in todo if e.key not in records or records[e.key].loaded != e.snapshot()]
    _FOLDED.update(_db_fold({t for e in todo for _, t in e.aliases} - set(_FOLDED)))
    with transaction.atomic():
        existing = _Existing(records.values())
        new = []
        for entry in todo:
            if entry.key not in records and existing.find(entry) is None:
                new.append(entry)  # nothing stands for it yet: created with the others at once
            else:
                _Loader(entry, records.get(entry.key), report, existing).run()
        _create(new, report)
    return report


def _create(new: list[Entry], report: LoadReport) -> None:
    """The entries nothing stands for yet, each kind of row in one statement (a first load
    writes some 12,000 rows: one at a time, that took a minute)."""
    rows = {}
    for model in (Speaker, Topic):
        batch = [e for e in new if e.model is model]
        slugs = _unique_slugs(model, [_slug_base(e.values) for e in batch])
        made = [model(**e.values, slug=slug) for e, slug in zip(batch, slugs, strict=True)]
        model.objects.bulk_create(made)
        _history(model, made)
        rows.update({e.key: row for e, row in zip(batch, made, strict=True)})
        report.created["speakers" if model is Speaker else "topics"] += len(made)
    aliases, roles = [], []
    for entry in new:
        owner = {"speaker" if entry.model is Speaker else "topic": rows[entry.key]}
        seen = set()
        for language, text in entry.aliases:
            if _fold(text) not in seen:
                seen.add(_fold(text))
                aliases.append(Alias(**owner, text=text, language=language))
        roles += [Role(speaker=rows[entry.key], **role) for role in entry.roles]
    Alias.objects.bulk_create(aliases, batch_size=2000)
    Role.objects.bulk_create(roles, batch_size=2000)
    _history(Alias, aliases)
    _history(Role, roles)
    report.created["aliases"] += len(aliases)
    report.created["roles"] += len(roles)
    ReferenceRecord.objects.bulk_create(
        ReferenceRecord(
            key=e.key,
            loaded=e.snapshot(),
            **{"speaker" if e.model is Speaker else "topic": rows[e.key]},
        )
        for e in new
    )


def _slug_base(values: dict) -> str:
    return slugify(values["name_en"]) or slugify(values["name"], allow_unicode=True)


def _unique_slugs(model, bases: list[str]) -> list[str]:
    taken = set(model.objects.values_list("slug", flat=True))
    out = []
    for base in bases:
        base = (base or "item")[:180].strip("-") or "item"
        slug, n = base, 2
        while slug in taken:
            slug = f"{base}-{n}"
            n += 1
        taken.add(slug)
        out.append(slug)
    return out


class _Existing:
    """The speakers and topics already here, indexed once, for adopting rows that stand for an
    entry before its first load; rows another entry owns are never adopted."""

    def __init__(self, records):
        self.taken = {r.speaker_id for r in records if r.speaker_id} | {
            -r.topic_id for r in records if r.topic_id
        }
        self.speakers: dict[tuple, list[Speaker]] = {}
        for speaker in Speaker.objects.all():
            self._add(("wikidata", speaker.wikidata_id), speaker)
            self._add(("en", speaker.name_en.casefold()), speaker)
        english = Alias.objects.filter(speaker__isnull=False, language="en")
        by_id = {s.pk: s for group in self.speakers.values() for s in group}
        for speaker_id, text in english.values_list("speaker_id", "text"):
            if speaker_id in by_id:
                self._add(("en", text.casefold()), by_id[speaker_id])
        self.topics: dict[tuple, list[Topic]] = {}
        for topic in Topic.objects.all():
            self._add(("wikidata", topic.wikidata_id), topic, self.topics)
            self._add(("kind-country", topic.kind, topic.country), topic, self.topics)
            self._add(("en", topic.name_en.casefold()), topic, self.topics)
            self._add(("ur", topic.kind, topic.country, topic.name), topic, self.topics)

    def _add(self, key, row, index=None):
        if key[-1]:
            (self.speakers if index is None else index).setdefault(key, []).append(row)

    def find(self, entry: Entry):
        index = self.speakers if entry.model is Speaker else self.topics
        sign = 1 if entry.model is Speaker else -1
        keys = [("wikidata", entry.values.get("wikidata_id", ""))]
        if entry.model is Topic and entry.values["kind"] == "country":
            keys.append(("kind-country", "country", entry.values["country"]))
        keys.append(("en", entry.values["name_en"].casefold()))
        if entry.model is Topic:
            values = entry.values
            keys.append(("ur", values["kind"], values["country"], values["name"]))
        for key in keys:
            for row in index.get(key, []) if key[-1] else []:
                if sign * row.pk not in self.taken:
                    return row
        return None

    def take(self, row) -> None:
        self.taken.add(row.pk if isinstance(row, Speaker) else -row.pk)


class _Loader:
    """Loads one entry: the row (created, adopted or updated), its aliases, its roles."""

    def __init__(self, entry: Entry, record, report: LoadReport, existing: _Existing):
        self.entry, self.record, self.report, self.existing = entry, record, report, existing
        self.created = False
        self.before = record.loaded if record else {"values": {}, "aliases": [], "roles": {}}
        self.label = "speakers" if entry.model is Speaker else "topics"

    def run(self) -> None:
        obj = self._row()
        self._aliases(obj)
        if self.entry.model is Speaker:
            self._roles(obj)
        owner = {"speaker": obj} if self.entry.model is Speaker else {"topic": obj}
        ReferenceRecord.objects.update_or_create(
            key=self.entry.key, defaults={**owner, "loaded": self.entry.snapshot()}
        )

    def _row(self):
        model = self.entry.model
        obj = None
        if self.record is not None:
            obj = self.record.speaker if model is Speaker else self.record.topic
        obj = obj or self.existing.find(self.entry)
        if obj is None:
            values = self.entry.values
            base = slugify(values["name_en"]) or slugify(values["name"], allow_unicode=True)
            obj = model(**values, slug=_unique_slug(model, base))
            obj._change_reason = HISTORY_REASON
            obj.save()
            self.existing.take(obj)
            self.created = True
            self.report.created[self.label] += 1
            return obj
        self.existing.take(obj)
        changed = []
        for name, new in self.entry.values.items():
            current = getattr(obj, name)
            loaded = self.before["values"].get(name)
            if current == new:
                continue
            if current in ("", None) or (self.record is not None and current == loaded):
                setattr(obj, name, new)
                changed.append(name)
            else:
                self.report.kept[f"{self.label[:-1]} fields"] += 1
        if changed:
            obj._change_reason = HISTORY_REASON
            obj.save()
            self.report.updated[self.label] += 1
        return obj

    def _aliases(self, obj) -> None:
        owner = "speaker" if self.entry.model is Speaker else "topic"
        rows = [] if self.created else Alias.objects.filter(**{owner: obj})
        have = {a.normalized: a for a in rows}
        loaded_before = {_fold(t) for t in self.before["aliases"]}
        wanted = {_fold(t) for _, t in self.entry.aliases}
        new = []
        for language, text in self.entry.aliases:
            key = _fold(text)
            if key in have or key in loaded_before:
                continue  # there already, or deleted by an editor after an earlier load
            have[key] = None
            new.append(Alias(**{owner: obj}, text=text, language=language))
        Alias.objects.bulk_create(new)
        _history(Alias, new)
        self.report.created["aliases"] += len(new)
        for key in loaded_before - wanted:
            alias = have.get(key)
            if alias is not None and alias.text in self.before["aliases"]:
                alias._change_reason = "dropped from the reference data"
                alias.delete()
                self.report.removed["aliases"] += 1

    def _roles(self, speaker: Speaker) -> None:
        rows = [] if self.created else speaker.roles.all()
        have = {_role_key(_role_dict(r)): r for r in rows}
        loaded_before = self.before["roles"]
        new = []
        for role in self.entry.roles:
            key = _role_key(role)
            current = have.get(key)
            if current is None:
                if key not in loaded_before:
                    new.append(Role(speaker=speaker, **role))
                continue
            changed = False
            for name in ROLE_FIELDS:
                value = getattr(current, name)
                value = value.isoformat() if hasattr(value, "isoformat") else value
                if value == role[name]:
                    continue
                if key in loaded_before and value == loaded_before[key].get(name):
                    setattr(current, name, role[name])
                    changed = True
                else:
                    self.report.kept["role fields"] += 1
            if changed:
                current._change_reason = HISTORY_REASON
                current.save()
                self.report.updated["roles"] += 1
        Role.objects.bulk_create(new)
        _history(Role, new)
        self.report.created["roles"] += len(new)


_FOLDED: dict[str, str] = {}


def _db_fold(texts) -> dict[str, str]:
    """Alias texts as the database folds them (Alias.normalized), in one query: the unique
    constraint is on that, and PostgreSQL's lower() differs from Python's on a few letters."""
    texts = sorted(texts)
    if not texts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT t, urdu_normalize(t) FROM unnest(%s::text[]) AS t", [texts])
        return dict(cursor.fetchall())


def _fold(text: str) -> str:
    if text not in _FOLDED:
        _FOLDED.update(_db_fold([text]))
    return _FOLDED[text]


def _role_dict(role: Role) -> dict:
    return {
        "office": role.office,
        "of": role.of,
        "start": role.start.isoformat() if role.start else None,
    }


def _history(model, rows) -> None:
    if rows:
        model.history.bulk_history_create(rows, default_change_reason=HISTORY_REASON)


def _unique_slug(model, base: str) -> str:
    base = (base or "item")[:180].strip("-") or "item"
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug
