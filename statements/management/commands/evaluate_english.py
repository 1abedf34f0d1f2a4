"""manage.py evaluate_english [--set dev|test|all] [--verbose] [--id ID ...]: ingest the
extraction corpus and the seed into a scratch database through the real ingest, run every
English or mixed query of tests/data/english_queries.jsonl through the site's search, and print
recall@10 per set and per kind (statements/search/evaluation.py); --verbose lists the misses.

The scratch database is `<database>_english_eval` (statements/management/scratch.py: migrated
and kept, with the reference data and the glossary loaded; every run is rolled back).
`--in-place` uses the current database instead (still rolled back), for a quick look or a test.
"""

from django.core.management.base import BaseCommand, CommandError

from statements.management.scratch import scratch_database
from statements.search import evaluation


class Command(BaseCommand):
    help = "Recall@10 of English and mixed queries over the corpus and the seed."

    def add_arguments(self, parser):
        parser.add_argument("--set", dest="which", choices=["dev", "test", "all"], default="all")
        parser.add_argument("--id", action="append", default=[], metavar="ID")
        parser.add_argument("--verbose", action="store_true", help="list every miss")
        parser.add_argument("--in-place", action="store_true", help="no scratch database")

    def handle(self, *args, which="all", id=(), verbose=False, in_place=False, **options):
        queries = evaluation.load_queries(which)
        if id:
            queries = [q for q in queries if q["id"] in set(id)]
        if not queries:
            raise CommandError("no query matches")
        stems = {m["doc"] for q in queries for m in q["must"]} if id else None
        with scratch_database("english_eval", in_place=in_place):
            meetings = evaluation.ingest_corpus(stems)
            outcomes = evaluation.evaluate(queries, meetings)
        for line in evaluation.report(outcomes, verbose):
            self.stdout.write(line)
