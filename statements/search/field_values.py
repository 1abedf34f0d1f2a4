"""What the value of a field term names (statements/search/fields.py): the ids and codes the
URL filters take, found as the filters and the names search find them.

- speaker: an id or slug (as `?speaker=`), else any name or alias in any script, through the
  names search (search/names.py: aliases, other spellings, English or Roman Urdu by sound);
- topic: an id or slug, else a name or alias of a topic, the same way;
- country: an ISO code, else the name of a country in English or Urdu (its country topic's
  names and aliases);
- meeting: an id or slug;
- kind: a kind (`warning`), its English label or its Urdu one (`انتباہ`).

Only public rows are named; a value that names nothing is a FieldError that says so.
"""

from __future__ import annotations

import re

from django.utils import translation

from statements.models import Claim, Meeting, Speaker, Topic
from statements.search import names, syntax
from statements.search.fields import FieldError


def resolve(field: str, value: str) -> list:
    return RESOLVERS[field](value)


def _by_key(queryset, value: str) -> list[int]:
    """The row whose id or slug `value` is (as the URL filters read them)."""
    lookup = {"pk": int(value)} if value.isdecimal() and len(value) < 19 else {"slug": value}
    return list(queryset.filter(**lookup).values_list("pk", flat=True)[:1])


def _name(value: str) -> names.Name | None:
    """The speaker or topic the whole of `value` names, as the names search reads a query."""
    words = tuple(syntax.words(value))
    if not words:
        return None
    found = names.find([words])
    return found[0][1] if 0 in found and found[0][0] == 1 else None


def speaker(value: str) -> list[int]:
    public = Speaker.objects.public()
    ids = _by_key(public, value)
    if not ids:
        name = _name(value)
        if name is not None and name.speakers:
            ids = list(public.filter(pk__in=name.speakers).values_list("pk", flat=True))
    if not ids:
        raise FieldError("speaker", f'speaker:"{value}": no speaker of the archive is known so')
    return sorted(ids)


def topic(value: str) -> list[int]:
    ids = _by_key(Topic.objects.public(), value)
    if not ids:
        name = _name(value)
        ids = sorted(name.topics) if name is not None else []
    if not ids:
        raise FieldError("topic", f'topic:"{value}": no topic of the archive is known so')
    return ids


def country(value: str) -> list[str]:
    if re.fullmatch(r"[A-Za-z]{2}", value):
        return [value.upper()]
    name = _name(value)
    codes = []
    if name is not None and name.topics:
        countries = Topic.objects.filter(pk__in=name.topics, kind=Topic.Kind.COUNTRY)
        codes = sorted(set(countries.exclude(country="").values_list("country", flat=True)))
    if not codes:
        raise FieldError(
            "country",
            f'country:"{value}": no country is known so; type its ISO code (country:IR) or its '
            "name in English or Urdu",
        )
    return codes


def meeting(value: str) -> list[int]:
    ids = _by_key(Meeting.objects.public(), value)
    if not ids:
        raise FieldError("meeting", f"meeting:{value}: there is no meeting {value!r}")
    return ids


def kind(value: str) -> list[str]:
    wanted = " ".join(value.split()).casefold()
    for kind_value, label in Claim.Kind.choices:
        with translation.override("ur"):
            urdu = translation.gettext(label)
        if wanted in (kind_value, label.casefold(), urdu.casefold()):
            return [kind_value]
    raise FieldError("kind", f"kind:{value}: kind is one of {', '.join(Claim.Kind.values)}")


RESOLVERS = {
    "speaker": speaker,
    "topic": topic,
    "country": country,
    "meeting": meeting,
    "kind": kind,
}
