"""manage.py check_speakers [--ingest] [--verbose]: the speaker checks on the extraction corpus
(statements/speakers/corpus.py): one record per person, no role words in names, every speaker
found by its English name and each Urdu spelling. With --ingest, load the reference data and
ingest the corpus first (into the database configured: use a scratch one). Exits 1 on a
failure."""

from django.core.management.base import BaseCommand, CommandError

from statements.speakers import corpus
from statements.speakers.reference import load_reference


class Command(BaseCommand):
    help = "Check speaker resolution and name search on the extraction corpus."

    def add_arguments(self, parser):
        parser.add_argument("--ingest", action="store_true", help="load reference + ingest first")
        parser.add_argument("--verbose", action="store_true", help="list the extraction misses")

    def handle(self, *args, ingest=False, verbose=False, **options):
        if ingest:
            load_reference()
            self.stdout.write(f"ingested {corpus.ingest()} new reports")
        report = corpus.check()
        for line in report.failures:
            self.stdout.write(f"FAIL {line}")
        if verbose:
            for line in report.extraction:
                self.stdout.write(f"extraction: {line}")
        for line in corpus.summary(report):
            self.stdout.write(line)
        if report.failures:
            raise CommandError(f"{len(report.failures)} speaker check(s) failed")
