"""The speaker checks on the extraction corpus, after loading the reference data and ingesting
every report (statements/speakers/corpus.py; `manage.py check_speakers` prints the same):
no person with two speaker records, no speaker name holding a role word or a clause, every
speaker found by its English name and by each of its Urdu spellings."""

import pytest

from statements.speakers import corpus

pytestmark = pytest.mark.django_db


def test_the_corpus_speakers_are_one_record_each_cleanly_named_and_found_by_name(reference):
    assert corpus.ingest() == 44
    report = corpus.check()
    print("\n".join(corpus.summary(report)))  # shown with -s, and on failure
    assert report.failures == []
    assert report.records >= 90  # most of the corpus's 112 speakers have a record to check
