"""What the seed holds, as read from it by a person: the numbers other tests use are derived here
from the claim-by-claim expectations of tests/ingest/test_seed.py (EXPECTED: one row per claim
the text contains, written by reading the text), never copied from what the code printed."""

from collections import Counter

from tests.ingest.test_seed import EXPECTED

SEED_CLAIMS = len(EXPECTED)  # every claim of the report
SEED_CLAIMS_BY_SPEAKER = Counter(speaker for _, speaker, *_ in EXPECTED)  # by slug
# The paragraphs holding claims, and the report's closing paragraph, which is narrative only
# (the leaders' exchange of gifts): tests/ingest/test_seed.py checks it holds no claim.
NARRATIVE_ONLY_PARAGRAPHS = 1
SEED_PASSAGES = len({paragraph for paragraph, *_ in EXPECTED}) + NARRATIVE_ONLY_PARAGRAPHS
SEED_NEEDS_REVIEW = sum(1 for *_, status, _ in EXPECTED if status == "needs_review")
