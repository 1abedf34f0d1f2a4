"""manage.py load_reference [--key KEY ...]: load statements/speakers/data/ (countries,
capitals, organisations, people with their dated roles) into the archive. Idempotent; never
overwrites what an editor changed (statements/speakers/reference.py)."""

from django.core.management.base import BaseCommand

from statements.speakers.reference import load_reference


class Command(BaseCommand):
    help = "Load the reference people, countries and organisations (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--key", action="append", metavar="KEY", help='only this entry, e.g. "person:Wang Yi"'
        )

    def handle(self, *args, key=None, **options):
        report = load_reference(only=set(key) if key else None)
        for line in report.lines():
            self.stdout.write(line)
