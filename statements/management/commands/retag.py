"""manage.py retag [--topic SLUG ...] [--dry-run]: tag claims with the topics the current aliases
find in their text, as the ingest does. For claims ingested before an alias or a topic existed
(an editor added one, or a migration such as 0008's gazetteer did). Tags are only added."""

from django.core.management.base import BaseCommand, CommandError

from statements.ingest.service import retag_claims
from statements.models import Claim, Topic


class Command(BaseCommand):
    help = "Add the topic tags the current aliases find in each claim's text (never removes one)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--topic", action="append", metavar="SLUG", help="only this topic (repeatable)"
        )
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, topic=None, dry_run=False, **options):
        topic_ids = None
        if topic:
            found = dict(Topic.objects.filter(slug__in=topic).values_list("slug", "pk"))
            missing = sorted(set(topic) - set(found))
            if missing:
                raise CommandError(f"no topic with the slug {', '.join(missing)}")
            topic_ids = set(found.values())
        # A transaction per chunk of claims (see retag_claims), not one for the archive.
        tags, claims = retag_claims(Claim.objects.all(), topic_ids, dry_run=dry_run)
        verb = "Would add" if dry_run else "Added"
        self.stdout.write(f"{verb} {tags} topic tags to {claims} claims.")
