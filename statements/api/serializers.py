"""One serialiser per entity: a model instance as the API sends it. The fields are those of the
entity's schema (api/schemas.py), so the shape is declared in one place; the export
(api/export.py) reads its column lists from the same schemas."""

from __future__ import annotations

from ninja import Schema

from statements.api import schemas


def field_names(schema: type[Schema], *, without: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The fields of `schema`, in order, except `without` (nested or computed ones)."""
    return tuple(name for name in schema.model_fields if name not in without)


SPEAKER_REF = field_names(schemas.SpeakerRef)
SPEAKER = field_names(schemas.SpeakerFields)
TOPIC_REF = field_names(schemas.TopicRef)
MEETING = field_names(schemas.MeetingFields)
SOURCE = field_names(schemas.Source)
PASSAGE = field_names(schemas.Passage)


def _fields(obj, names: tuple[str, ...]) -> dict:
    return {name: getattr(obj, name) for name in names}


def speaker_ref(speaker) -> dict:
    return _fields(speaker, SPEAKER_REF)


def topic_ref(topic) -> dict:
    return _fields(topic, TOPIC_REF)


def speaker(request, speaker) -> dict:
    return {
        **_fields(speaker, SPEAKER),
        "url": request.build_absolute_uri(speaker.get_absolute_url()),
    }


def meeting(request, meeting) -> dict:
    return {
        **_fields(meeting, MEETING),
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
    }


def source(source) -> dict:
    return _fields(source, SOURCE)


def subject(claim) -> dict | None:
    """The subject as the source names it, or None."""
    if claim.subject_start is None:
        return None
    return {"text": claim.subject_text, "start": claim.subject_start, "end": claim.subject_end}


def claim(request, claim) -> dict:
    """A claim with its speaker, meeting and topics as references (topics prefetched)."""
    meeting = claim.meeting
    return {
        "id": claim.pk,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "speaker": speaker_ref(claim.speaker),
        "subject": subject(claim),
        "confidence": claim.confidence,
        "meeting": {"id": meeting.pk, "title": meeting.title, "date": meeting.date},
        "kind": claim.kind,
        "topics": [topic_ref(t) for t in claim.topics.all()],
        "review_status": claim.review_status,
        "url": request.build_absolute_uri(claim.get_absolute_url()),
    }
