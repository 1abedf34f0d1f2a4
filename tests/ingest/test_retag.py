"""manage.py retag: claims ingested before an alias existed get its topic, as the ingest would
give it; nothing is removed, --topic limits it, --dry-run changes nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from statements.ingest.service import ingest_document
from statements.models import Alias, Claim, Topic

pytestmark = pytest.mark.django_db

REPORT = """2019 /Apr/ 28 - وزیر اعظم عمران خان کی چینی صدر شی جن پنگ سے ملاقات

عمران خان نے کہا کہ پاکستان اور چین کی دوستی مثالی ہے۔
چینی صدر نے کہا کہ عوام چین سے بیٹھے ہیں اور ایران کے ساتھ تعلقات اچھے ہیں۔
"""


def tags():
    return [
        sorted(c.topics.values_list("slug", flat=True)) for c in Claim.objects.order_by("start")
    ]


def retag(*args):
    out = io.StringIO()
    call_command("retag", *args, stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def untagged(db):
    """The report ingested while China and Pakistan were unknown, then the aliases added."""
    saved = {}
    for slug in ("china", "pakistan"):
        topic = Topic.objects.get(slug=slug)
        saved[slug] = list(
            topic.aliases.values("text", "language", "exclude_before", "exclude_after")
        )
        topic.aliases.all().delete()
    ingest_document(REPORT.encode(), origin="retag.txt", publish=True)
    assert tags() == [[], ["iran"]]
    for slug, aliases in saved.items():
        for alias in aliases:
            Alias.objects.create(topic=Topic.objects.get(slug=slug), **alias)


def test_retag_adds_what_the_ingest_would_have_found(untagged):
    assert retag("--dry-run") == "Would add 2 topic tags to 1 claims."
    assert tags() == [[], ["iran"]]
    assert retag() == "Added 2 topic tags to 1 claims."
    # the exclusion holds: "چین سے بیٹھے" (sit at peace) is not China
    assert tags() == [["china", "pakistan"], ["iran"]]
    assert retag() == "Added 0 topic tags to 0 claims."


def test_retag_only_the_named_topics_and_never_removes(untagged):
    second = Claim.objects.order_by("start").last()
    second.topics.add(Topic.objects.get(slug="egypt"))  # an editor's own tag stays
    assert retag("--topic", "china") == "Added 1 topic tags to 1 claims."
    assert tags() == [["china"], ["egypt", "iran"]]


def test_an_unknown_topic_is_refused(untagged):
    with pytest.raises(CommandError, match="no topic with the slug nope"):
        retag("--topic", "nope")
