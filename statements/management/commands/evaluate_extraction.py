"""manage.py evaluate_extraction [--split dev|held-out|all] [--file N ...] [--details]:
ingest the extraction corpus (tests/data/extraction/) into a scratch database and print claim
precision and recall, attribution, kind, narrative inside claims, spurious claims and junk
speakers, per style and overall, and documents per second (statements/ingest/evaluation.py).

The scratch database is `<database>_extraction_eval` (statements/management/scratch.py:
migrated and kept, with the reference data loaded as `make run` loads it; every run is
rolled back). `--in-place` uses the current database instead (still rolled back, and with
whatever reference data it holds), for a quick look or a test.
"""

from django.core.management.base import BaseCommand, CommandError

from statements.ingest import evaluation
from statements.management.scratch import scratch_database


class Command(BaseCommand):
    help = "Score the extractor on the development corpus (tests/data/extraction/)."

    def add_arguments(self, parser):
        parser.add_argument("--split", choices=["dev", "held-out", "all"], default="all")
        parser.add_argument("--file", type=int, action="append", default=[], metavar="N")
        parser.add_argument("--details", action="store_true", help="list every error")
        parser.add_argument("--in-place", action="store_true", help="no scratch database")

    def handle(self, *args, split="all", file=(), details=False, in_place=False, **options):
        docs = evaluation.load_corpus(split=split, numbers=file)
        if not docs:
            raise CommandError("no report matches")
        with scratch_database("extraction_eval", in_place=in_place):
            scores = evaluation.evaluate(docs)
        if details:
            for doc in docs:
                for note in scores[doc.name].notes:
                    self.stdout.write(f"{doc.name[:24]:<24} {note}")
        for line in evaluation.report(docs, scores):
            self.stdout.write(line)
