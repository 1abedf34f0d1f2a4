"""The reference data files (statements/speakers/data/, described in its README), read once.
Pure: no database (statements/speakers/reference.py loads them into the archive)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def countries() -> list[dict]:
    return [c for path in sorted((DATA_DIR / "countries").glob("*.json")) for c in _read(path)]


@cache
def organisations() -> list[dict]:
    return _read(DATA_DIR / "organisations.json")


@cache
def places() -> list[dict]:
    return _read(DATA_DIR / "places.json")


@cache
def offices() -> dict[str, dict]:
    return _read(DATA_DIR / "offices.json")


@cache
def people() -> list[dict]:
    """Every person once: entries in several files with one English name are merged (their
    spellings and roles joined)."""
    merged: dict[str, dict] = {}
    for path in sorted((DATA_DIR / "people").glob("*.json")):
        for person in _read(path):
            known = merged.get(person["name_en"])
            if known is None:
                merged[person["name_en"]] = json.loads(json.dumps(person))
                continue
            for key in ("names_en", "names_ur"):
                known[key] += [n for n in person[key] if n not in known[key]]
            have = {(r["office"], r["of"], r["from"]) for r in known["roles"]}
            known["roles"] += [
                r for r in person["roles"] if (r["office"], r["of"], r["from"]) not in have
            ]
            known["wikidata"] = known["wikidata"] or person["wikidata"]
    return list(merged.values())


def country_names() -> dict[str, dict]:
    return {c["code"]: c for c in countries()}


@cache
def capitals() -> dict[str, str]:
    """Folded Urdu capital names -> country code (a dateline "نئی دہلی:" places a report)."""
    from statements import urdu

    return {urdu.fold(name): c["code"] for c in countries() for name in c.get("capital_ur", [])}


def organisation_names() -> dict[str, dict]:
    return {o["key"]: o for o in organisations()}


def office_title(office: str, of: str) -> tuple[str, str]:
    """The (Urdu, English) title of `office` held for `of` (a country code or organisation)."""
    spec = offices().get(office, {})
    local = spec.get("by_country", {}).get(of, {})
    title_ur = (local.get("ur") or spec.get("ur") or [""])[0]
    title_en = local.get("en") or spec.get("en", office)
    place = country_names().get(of) or organisation_names().get(of)
    if place:
        title_en = f"{title_en.split(' (')[0]} of {place['name_en']}"
    return title_ur, title_en


def role_phrase(office: str, of: str) -> str:
    title_ur, _ = office_title(office, of)
    place = country_names().get(of) or organisation_names().get(of)
    return f"{place['names_ur'][0]} کے {title_ur}" if place and title_ur else title_ur


@cache
def name_words() -> dict[str, str]:
    """Folded Urdu name words -> their English spelling, learnt from the people whose full
    name the data gives in both scripts word for word (محمد -> Muhammad, ڈونلڈ -> Donald):
    the suggested English names of new speakers start from these."""
    from statements.speakers import translit

    seen: dict[str, dict[str, int]] = {}
    for person in people():
        english = person["name_en"].split()
        for urdu_name in person["names_ur"][:2]:
            words = translit.urdu_letters(urdu_name).split()
            if len(words) != len(english):
                continue
            if any(translit.similarity(e, u) < 0.5 for e, u in zip(english, words, strict=True)):
                continue
            for e, u in zip(english, words, strict=True):
                counts = seen.setdefault(u, {})
                counts[e.strip(",.")] = counts.get(e.strip(",."), 0) + 1
    return {u: max(counts, key=counts.get) for u, counts in seen.items()}
