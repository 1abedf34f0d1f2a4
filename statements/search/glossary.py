"""The bilingual glossary (search/data/glossary/*.tsv) into the GlossaryTerm table.

`load_glossary()` is idempotent and never overwrites an editor: each row it writes keeps in
`loaded` the renderings as loaded, and a later load changes a row's renderings only while the row
still holds them (the file changed, the editor did not). Entries the files dropped are removed
only if still as loaded. Entries editors added (no `loaded`) are never touched, nor is `enabled`.
An entry is identified by its domain (the file's name), English and sense.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from statements.models import GlossaryTerm
from statements.search.english import english_key

FOLDER = Path(__file__).resolve().parent / "data" / "glossary"


@dataclass(frozen=True)
class Row:
    domain: str
    english: str
    urdu: str
    sense: str


def read(folder: Path = FOLDER) -> list[Row]:
    """Every row of the glossary files (forms cleaned of spaces around `|`); a row without an
    English word or an Urdu form is an error, naming the file and line."""
    rows = []
    for path in sorted(folder.glob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            cells = [*line.split("\t"), "", ""][:3]
            english, urdu, sense = (c.strip() for c in cells)
            forms = [f.strip() for f in urdu.split("|") if f.strip()]
            if not english or not forms:
                raise ValueError(f"{path.name}:{number}: an entry needs English and Urdu")
            rows.append(Row(path.stem, english, "|".join(forms), sense))
    return rows


def load_glossary(folder: Path = FOLDER) -> Counter:
    """Load the files in one transaction; returns what was created, updated, kept, removed."""
    report = Counter()
    rows = {(r.domain, r.english, r.sense): r for r in read(folder)}
    with transaction.atomic():
        existing = {
            (t.domain, t.english, t.sense): t
            for t in GlossaryTerm.objects.exclude(loaded__isnull=True)
        }
        editors = set(
            GlossaryTerm.objects.filter(loaded__isnull=True).values_list(
                "domain", "english", "sense"
            )
        )
        new, changed = [], []
        for ident, row in rows.items():
            term = existing.get(ident)
            if term is None:
                if ident not in editors:
                    new.append(
                        GlossaryTerm(
                            english=row.english,
                            key=english_key(row.english),
                            sense=row.sense,
                            domain=row.domain,
                            urdu=row.urdu,
                            loaded={"urdu": row.urdu},
                        )
                    )
            elif term.loaded.get("urdu") == row.urdu:
                continue
            elif term.urdu == term.loaded.get("urdu"):
                term.urdu, term.loaded = row.urdu, {"urdu": row.urdu}
                changed.append(term)
            else:
                report["kept (changed by an editor)"] += 1
        GlossaryTerm.objects.bulk_create(new, batch_size=2000)
        GlossaryTerm.objects.bulk_update(changed, ["urdu", "loaded"], batch_size=2000)
        gone = [
            t.pk
            for ident, t in existing.items()
            if ident not in rows and t.urdu == t.loaded.get("urdu")
        ]
        GlossaryTerm.objects.filter(pk__in=gone).delete()
    report["created"], report["updated"], report["removed"] = len(new), len(changed), len(gone)
    return +report
