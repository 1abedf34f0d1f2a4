"""manage.py check_speakers [--in-place] [--verbose]: the speaker checks on the extraction
corpus (statements/speakers/corpus.py): one record per person, no role words in names, every
speaker found by its English name and each Urdu spelling. The corpus is ingested into the
scratch database `<database>_speakers_check` with the reference data loaded
(statements/management/scratch.py; rolled back after), or with --in-place into the current
database, also rolled back. Exits 1 on a failure."""

from django.core.management.base import BaseCommand, CommandError

from statements.management.scratch import scratch_database
from statements.speakers import corpus


class Command(BaseCommand):
    help = "Check speaker resolution and name search on the extraction corpus."

    def add_arguments(self, parser):
        parser.add_argument("--in-place", action="store_true", help="no scratch database")
        parser.add_argument("--verbose", action="store_true", help="list the extraction misses")

    def handle(self, *args, in_place=False, verbose=False, **options):
        with scratch_database("speakers_check", in_place=in_place):
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
