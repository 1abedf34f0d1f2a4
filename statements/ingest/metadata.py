"""What is known of a report beyond its text: who published it, where, when, in which language.

Citations name the report, not the file (statements/citations.py), so every path that adds a
document says what it knows: the admin's form asks for it, and `manage.py ingest` reads it from
a `sources.json` beside the documents, keyed by file name:

    {"000_6e83539992437108.txt": {"publisher": "...", "publisher_en": "...", "url": "",
                                  "published_on": "2015-11-24", "language": "ur"}}

A document with no entry there is ingested without it (a changed version of a known document
keeps its previous version's).
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path

SIDECAR = "sources.json"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class MetadataError(ValueError):
    """A sources.json that cannot be read; the message says why, in one line."""


@dataclass(frozen=True)
class SourceInfo:
    """The report's metadata (statements.models.Source): publisher as it names itself and in
    English, original URL (empty when unknown), publication date, language, and for a
    translation the original's language."""

    publisher: str = ""
    publisher_en: str = ""
    url: str = ""
    published_on: datetime.date | None = None
    language: str = "ur"
    original_language: str = ""

    def __post_init__(self):
        for name in ("language", "original_language"):
            value = getattr(self, name)
            if value and not LANGUAGE_CODE.match(value):
                raise MetadataError(f"{name} must be an ISO 639 code such as 'ur', not {value!r}")

    def as_fields(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> SourceInfo:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise MetadataError(f"unknown field(s) {', '.join(unknown)}; known: {sorted(known)}")
        values = dict(data)
        if values.get("published_on"):
            try:
                values["published_on"] = datetime.date.fromisoformat(values["published_on"])
            except (TypeError, ValueError):
                raise MetadataError(
                    f"published_on must be a date (YYYY-MM-DD), not {data['published_on']!r}"
                ) from None
        else:
            values["published_on"] = None
        return cls(**values)


def read_sidecar(folder: Path) -> dict[str, SourceInfo]:
    """File name -> SourceInfo, from `folder/sources.json` (none: an empty dict)."""
    path = folder / SIDECAR
    if not path.is_file():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise MetadataError(f"{path}: cannot be read as JSON ({exc})") from None
    if not isinstance(entries, dict) or not all(isinstance(v, dict) for v in entries.values()):
        raise MetadataError(f"{path}: must map file names to objects")
    try:
        return {name: SourceInfo.from_dict(entry) for name, entry in entries.items()}
    except (MetadataError, TypeError) as exc:
        raise MetadataError(f"{path}: {exc}") from None
