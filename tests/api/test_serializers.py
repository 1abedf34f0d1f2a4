"""One serialiser per entity: what the API sends has exactly the fields of its schema."""

import pytest

from statements.api import schemas, serializers
from statements.api.export import CLAIM_FIELDS, MEETING_FIELDS, SPEAKER_FIELDS, TOPIC_FIELDS
from statements.models import Claim, Meeting, Speaker

pytestmark = pytest.mark.django_db


def test_each_serialiser_sends_the_fields_of_its_schema(rf, seeded):
    request = rf.get("/")
    claim = Claim.objects.select_related("speaker", "meeting").first()
    assert list(serializers.claim(request, claim)) == list(schemas.Claim.model_fields)
    assert list(serializers.meeting(request, seeded)) == list(schemas.Meeting.model_fields)
    speaker = Speaker.objects.get(slug="vladimir-putin")
    assert list(serializers.speaker(request, speaker)) == list(schemas.Speaker.model_fields)
    assert list(serializers.source(seeded.source)) == list(schemas.Source.model_fields)


def test_the_export_takes_its_columns_from_the_same_schemas():
    assert (*serializers.SPEAKER, "is_provisional") == SPEAKER_FIELDS
    assert (*serializers.TOPIC_REF, "wikidata_id") == TOPIC_FIELDS
    assert (*serializers.MEETING, "published_at") == MEETING_FIELDS
    assert set(CLAIM_FIELDS) >= {"id", "text", "start", "end", "kind", "review_status"}
    for name in (*SPEAKER_FIELDS, *MEETING_FIELDS):
        model = Speaker if name in SPEAKER_FIELDS else Meeting
        assert model._meta.get_field(name)
