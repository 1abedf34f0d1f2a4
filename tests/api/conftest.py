"""Shared fixtures of the API and export tests: the seed plus what must stay hidden."""

import io
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from tests.conftest import SEED
from tests.seed_gold import SEED_CLAIMS

# The archive of make_archive: the seed's claims but the one rejected there.
PUBLIC_CLAIMS = SEED_CLAIMS - 1


def make_archive(tmp_path: Path):
    """The seed, published, with one claim rejected, and a draft meeting made from an edited
    copy of it (a changed date line and a sentence by a speaker no alias knows)."""
    from statements.models import Claim, Meeting

    call_command("ingest", str(SEED), stdout=io.StringIO())
    published = Meeting.objects.get(source__origin=SEED.name)
    rejected = Claim.objects.filter(meeting=published).order_by("start").last()
    rejected.review_status = Claim.ReviewStatus.REJECTED
    rejected.save()
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace("2015", "2016", 1)
    lines.append("\nزرغونہ خانم نے کہا کہ یہ مسودہ ابھی شائع نہیں ہوا۔\n")
    draft_path = tmp_path / "999_draft.txt"
    draft_path.write_text("".join(lines), encoding="utf-8")
    call_command("ingest", str(draft_path), "--draft", stdout=io.StringIO())
    draft = Meeting.objects.get(source__origin=draft_path.name)
    return published, draft, rejected


@pytest.fixture
def archive(db, tmp_path):
    return make_archive(tmp_path)


@pytest.fixture
def client():
    """A client whose host is `localhost`, as the expected permalinks say."""
    return Client(HTTP_HOST="localhost")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with empty rate-limit windows (the local-memory cache)."""
    caches["default"].clear()
    yield
    caches["default"].clear()
