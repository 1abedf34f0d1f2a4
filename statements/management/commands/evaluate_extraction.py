"""manage.py evaluate_extraction [--split dev|held-out|all] [--file N ...] [--details]:
ingest the extraction corpus (tests/data/extraction/) into a scratch database and print claim
precision and recall, attribution, kind, narrative inside claims, spurious claims and junk
speakers, per style and overall, and documents per second (statements/ingest/evaluation.py).

The scratch database is `<database>_extraction_eval`, created from the migrations the first
time and kept; every run works inside one transaction that is rolled back, so each run starts
from the migrated reference data alone. `--in-place` uses the current database instead (still
rolled back), for a quick look or a test.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from statements.ingest import evaluation


class _Rollback(Exception):
    pass


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
        if in_place:
            self._run(docs, details)
            return
        settings = connection.settings_dict
        settings.setdefault("TEST", {})["NAME"] = f"{settings['NAME']}_extraction_eval"
        old_name = settings["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
        try:
            self._run(docs, details)
        finally:
            connection.close()
            settings["NAME"] = old_name

    def _run(self, docs, details):
        try:
            with transaction.atomic():
                scores = evaluation.evaluate(docs)
                raise _Rollback
        except _Rollback:
            pass
        if details:
            for doc in docs:
                for note in scores[doc.name].notes:
                    self.stdout.write(f"{doc.name[:24]:<24} {note}")
        for line in evaluation.report(docs, scores):
            self.stdout.write(line)
