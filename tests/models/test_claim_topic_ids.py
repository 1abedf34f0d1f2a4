"""Claim.topic_ids (migration 0009) always equals the claim's tags, whoever writes them: the
ingest, the ORM's many-to-many calls, a stale instance saved afterwards, a bulk update, the
deletion of a topic, the synthetic corpus's COPY. Searches count and filter topics by it, so a
stale array would be a wrong count or a wrong result."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from statements.models import Claim, Topic
from statements.search import SearchRequest, search

pytestmark = pytest.mark.django_db


def mismatched() -> list[tuple[int, list[int], list[int]]]:
    """(claim, topic_ids, its tags) for every claim whose array differs from its tags."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.id, c.topic_ids, t.ids FROM statements_claim c
              CROSS JOIN LATERAL (
                SELECT coalesce(array_agg(topic_id ORDER BY topic_id), '{}') AS ids
                  FROM statements_claim_topics WHERE claim_id = c.id) t
             WHERE c.topic_ids IS DISTINCT FROM t.ids
            """
        )
        return cursor.fetchall()


def ids(claim: Claim) -> list[int]:
    claim.refresh_from_db(fields=["topic_ids"])
    return claim.topic_ids


@pytest.fixture
def tagged(seeded):
    claim = Claim.objects.filter(topics__isnull=False).distinct().order_by("start").first()
    assert claim is not None and claim.topic_ids, "the seed has tagged claims"
    return claim


def test_the_ingested_seed_carries_its_tags(seeded):
    assert Claim.objects.filter(topics__isnull=False).exists()
    assert mismatched() == []


def test_many_to_many_calls_rewrite_the_array(tagged):
    syria, iran = Topic.objects.get(slug="syria"), Topic.objects.get(slug="iran")
    tagged.topics.set([iran, syria])
    assert ids(tagged) == sorted([iran.pk, syria.pk])
    tagged.topics.remove(iran)
    assert ids(tagged) == [syria.pk]
    tagged.topics.add(iran)
    assert ids(tagged) == sorted([iran.pk, syria.pk])
    tagged.topics.clear()
    assert ids(tagged) == []
    assert mismatched() == []


def test_a_stale_instance_or_a_bulk_update_cannot_overwrite_it(tagged):
    stale = Claim.objects.get(pk=tagged.pk)
    before = list(stale.topic_ids)
    extra = Topic.objects.exclude(pk__in=before).order_by("pk").first()
    tagged.topics.add(extra)
    stale.editor_note = "checked against the source"
    stale.save()  # writes the topic_ids it was loaded with
    assert ids(tagged) == sorted([*before, extra.pk])
    Claim.objects.filter(pk=tagged.pk).update(topic_ids=[])
    assert ids(tagged) == sorted([*before, extra.pk])
    assert mismatched() == []


def test_deleting_a_topic_takes_it_off_every_claim(tagged):
    topic = Topic.objects.get(pk=tagged.topic_ids[0])
    holders = set(topic.claims.values_list("pk", flat=True))
    topic.aliases.all().delete()
    topic.delete()
    assert holders and not Claim.objects.filter(topic_ids__contains=[topic.pk]).exists()
    assert mismatched() == []


def test_the_synthetic_corpus_carries_its_tags(seeded):
    call_command("make_corpus", claims=300, seed=7, stdout=io.StringIO())
    assert Claim.objects.exclude(topic_ids=[]).count() > 50
    assert mismatched() == []


def test_topic_facet_and_filter_agree_with_the_tags(seeded):
    call_command("make_corpus", claims=300, seed=7, publish=True, stdout=io.StringIO())
    result = search(SearchRequest.from_params({"q": "تعاون"}))
    matched = result.claims.values("pk")
    for facet in result.facets["topic"]:
        tagged = Claim.topics.through.objects.filter(claim__in=matched, topic_id=facet.value)
        assert facet.count == tagged.count(), facet.label
        filtered = search(SearchRequest.from_params({"q": "تعاون", "topic": facet.value}))
        assert set(filtered.claims.values_list("pk", flat=True)) == set(
            tagged.values_list("claim_id", flat=True)
        )
    assert result.facets["topic"], "the query matches tagged claims"


def test_a_tag_moved_to_another_claim_leaves_both_right(tagged):
    other = Claim.objects.exclude(pk=tagged.pk).filter(topics__isnull=True).first()
    moved = Claim.topics.through.objects.filter(claim=tagged).order_by("topic_id").first()
    Claim.topics.through.objects.filter(pk=moved.pk).update(claim_id=other.pk)
    assert moved.topic_id in ids(other) and moved.topic_id not in ids(tagged)
    assert mismatched() == []


def test_truncating_the_tags_empties_every_array(tagged):
    with connection.cursor() as cursor:
        # The test's transaction still holds the seed's deferred foreign-key checks.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE statements_claim_topics")
    assert not Claim.objects.exclude(topic_ids=[]).exists()
    assert mismatched() == []


def test_retag_and_its_chunks_keep_the_arrays(seeded):
    Claim.topics.through.objects.all().delete()
    assert not Claim.objects.exclude(topic_ids=[]).exists()
    call_command("retag", stdout=io.StringIO())
    assert Claim.objects.exclude(topic_ids=[]).exists()
    assert mismatched() == []


def test_the_synthetic_corpus_leaves_nothing_behind_when_deleted(seeded):
    before = sorted(Claim.objects.values_list("pk", "topic_ids"))
    call_command("make_corpus", claims=300, seed=7, stdout=io.StringIO())
    call_command("make_corpus", delete=True, stdout=io.StringIO())
    assert sorted(Claim.objects.values_list("pk", "topic_ids")) == before
    assert mismatched() == []
