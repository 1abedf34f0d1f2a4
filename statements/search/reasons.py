"""Why a result matched, when the query names someone or something (`Putin`, `ایران`).

A name finds claims three ways (search/names.py): said by its speaker, tagged with its topic,
or holding the words as typed. The first shows no highlighted word in the claim, so each claim
says which: "said by Vladimir Putin", "mentions Vladimir Putin". And when a name is a speaker,
the result offers to keep only that speaker's claims, with their number (from the speaker
facet, so it is the number the filter will show).
"""

from __future__ import annotations

from dataclasses import dataclass

from statements.models import Claim, Speaker, Topic
from statements.search.engine import COUNT_LIMIT, bounded_count


@dataclass(frozen=True)
class Reason:
    SAID_BY = "said_by"
    MENTIONS = "mentions"

    kind: str
    speaker: Speaker | None = None
    topic: Topic | None = None
    words: tuple[str, ...] = ()  # a mention by the typed words, when no tag says it


@dataclass(frozen=True)
class SpeakerOffer:
    """Keep only the claims `speaker` made: `count` of the result's claims."""

    speaker: Speaker
    count: int


def _names(result):
    return [name for _text, name in result.plan.names]


def for_claims(result, claims: list[Claim]) -> dict[int, list[Reason]]:
    """For each claim (by id), why the names of the query matched it; {} without names."""
    names = _names(result)
    if not names:
        return {}
    topics = Topic.objects.in_bulk({t for name in names for t in name.topics})
    out = {}
    for claim in claims:
        reasons: list[Reason] = []
        for name in names:
            said = claim.speaker_id in name.speakers
            if said:
                reasons.append(Reason(Reason.SAID_BY, speaker=claim.speaker))
            tagged = [topics[t] for t in claim.topic_ids if t in name.topics and t in topics]
            if tagged:
                reasons.append(Reason(Reason.MENTIONS, topic=tagged[0]))
            elif not said:
                reasons.append(Reason(Reason.MENTIONS, words=name.words))
        out[claim.pk] = list(dict.fromkeys(reasons))
    return out


def speaker_offers(result) -> list[SpeakerOffer]:
    """The speakers the query names, each with the number of the result's claims they made,
    when keeping only those would narrow the result (and no speaker filter is in force)."""
    if result.request.speakers:
        return []
    named = list(dict.fromkeys(s for name in _names(result) for s in sorted(name.speakers)))
    if "speaker" in result.facets:
        counts = {int(f.value): f.count for f in result.facets["speaker"]}
    else:  # facets left to the facets endpoint: count the named speakers' claims alone
        counts = {s: bounded_count(result.claims.filter(speaker=s), COUNT_LIMIT)[0] for s in named}
    named = [s for s in named if counts.get(s)]
    speakers = Speaker.objects.in_bulk(named)
    return [
        SpeakerOffer(speakers[s], counts[s])
        for s in dict.fromkeys(named)
        if s in speakers and (counts[s] < result.total or not result.count_is_exact)
    ]
