"""Facet counts are cached per archive version: the same search is counted once, and any change
to what the counts see (a claim's status, a publication, a speaker's name) is seen at once."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from statements.models import Claim, Meeting, Speaker
from statements.search import SearchRequest, search
from statements.search.facets import archive_version
from tests.seed_gold import SEED_CLAIMS_BY_SPEAKER

pytestmark = pytest.mark.django_db


def _speaker_counts(params):
    result = search(SearchRequest.from_params(params))
    return {f.label: f.count for f in result.facets["speaker"]}


def _facet_statements(params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        search(SearchRequest.from_params(params))
    return sum("WITH matched AS MATERIALIZED" in q["sql"] for q in ctx.captured_queries)


def test_the_same_search_is_counted_once(seeded):
    assert _facet_statements({"q": "امریکہ"}) == 1
    assert _facet_statements({"q": "امریکہ"}) == 0  # from the cache
    assert _facet_statements({"q": "روس"}) == 1  # another search: counted


def test_changes_to_claims_meetings_and_speakers_are_seen_at_once(seeded):
    before = _speaker_counts({})
    khamenei = SEED_CLAIMS_BY_SPEAKER["ali-khamenei"]
    assert before["Ali Khamenei"] == khamenei
    claim = Claim.objects.filter(speaker__slug="ali-khamenei").first()
    claim.review_status = Claim.ReviewStatus.REJECTED
    claim.save()
    assert _speaker_counts({})["Ali Khamenei"] == khamenei - 1
    Speaker.objects.filter(slug="ali-khamenei").update(name_en="Sayyid Ali Khamenei")
    assert _speaker_counts({})["Sayyid Ali Khamenei"] == khamenei - 1
    Meeting.objects.update(status=Meeting.Status.DRAFT, published_at=None)
    assert _speaker_counts({}) == {}


def test_a_rolled_back_change_never_lends_its_number_to_later_data(seeded):
    version = archive_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Claim.objects.filter(speaker__slug="vladimir-putin").update(review_status="rejected")
        assert "Vladimir Putin" not in _speaker_counts({})  # counted (and cached) inside
        raise RuntimeError("roll back")
    assert archive_version() == version
    Claim.objects.filter(speaker__slug="ali-khamenei").update(review_status="accepted")
    assert archive_version() != version
    putin = SEED_CLAIMS_BY_SPEAKER["vladimir-putin"]
    assert _speaker_counts({})["Vladimir Putin"] == putin  # not the rolled-back count
