"""The synthetic benchmark corpus: deterministic, marked synthetic, never public by default."""

import io

import pytest
from django.core.management import call_command

from statements.models import Claim, Meeting, Source
from statements.search import SearchRequest, search

pytestmark = pytest.mark.django_db


def make(**options):
    call_command("make_corpus", stdout=io.StringIO(), **options)


def test_same_seed_same_corpus_and_draft_by_default(seeded):
    public_before = Claim.objects.public().count()
    make(claims=60, seed=11)
    first = list(Source.objects.filter(origin__startswith="synthetic:").values_list("sha256"))
    assert len(first) == 3  # 24 claims per meeting
    assert Claim.objects.filter(attribution="synthetic").count() == 60
    assert Claim.objects.public().count() == public_before
    assert not Meeting.objects.published().filter(slug__startswith="synthetic-").exists()
    make(delete=True)
    assert not Source.objects.filter(origin__startswith="synthetic:").exists()
    make(claims=60, seed=11)
    again = list(Source.objects.filter(origin__startswith="synthetic:").values_list("sha256"))
    assert sorted(again) == sorted(first)


def test_published_corpus_is_searchable_and_urdu(seeded):
    make(claims=48, seed=12, publish=True)
    claim = Claim.objects.filter(attribution="synthetic").first()
    assert claim.meeting.source.text[claim.start : claim.end] == claim.text
    assert all("\u0600" <= ch <= "\u06ff" or ch == " " for ch in claim.text)
    word = claim.text.split()[-1]
    assert search(SearchRequest.from_params({"q": f'"{word}"'})).total >= 1


def test_unpublished_words_are_never_suggested(seeded):
    """The vocabulary holds draft text too; a correction finding nothing public is not shown."""
    make(claims=24, seed=13)
    draft_word = max(
        (w for c in Claim.objects.filter(attribution="synthetic") for w in c.text.split()),
        key=len,
    )
    typo = draft_word[:-1] + ("ب" if draft_word[-1] != "ب" else "پ")
    result = search(SearchRequest.from_params({"q": typo}))
    assert draft_word not in result.corrected_query
    assert draft_word not in result.message


def test_words_inside_unpublished_words_are_never_offered(seeded):
    """A word found only inside a draft's longer word is not suggested (nor the draft word)."""
    from statements.ingest.service import ingest_document

    ingest_document(
        "2017 /Mar/ 1 - مسودہ ملاقات\n\nصدر پیوٹن نے کہا کہ قلمدانستانی بیان یہاں ہے۔\n",
        origin="draft-longer-word.txt",
        publish=False,
    )
    result = search(SearchRequest.from_params({"q": "قلمدان"}))
    assert result.total == 0
    assert not any("قلمدانستانی" in n.words for n in result.notices), result.notices
