"""manage.py evaluate_names [FILE ...] [--misses]: top-1 and top-5 of the cross-script name
matching on name pairs (default: tests/data/names/pairs_dev.tsv and pairs_test.tsv)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from statements.speakers import pairs

DEFAULT = ["tests/data/names/pairs_dev.tsv", "tests/data/names/pairs_test.tsv"]


class Command(BaseCommand):
    help = "Print top-1/top-5 of the English <-> Urdu name matching on name-pair files."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="TSV files: english, urdu, kind, region")
        parser.add_argument("--misses", action="store_true", help="list the pairs not first")

    def handle(self, *args, files=None, misses=False, **options):
        for name in files or DEFAULT:
            path = Path(name)
            if not path.is_absolute():
                path = Path(settings.BASE_DIR) / path
            self.stdout.write(f"{path.name}")
            for label, figures in pairs.evaluate(pairs.read(path)).items():
                self.stdout.write("  " + figures.line(label))
                if misses or label.startswith("translations"):
                    for query, gold, rank, top in figures.misses if misses else []:
                        self.stdout.write(f"    {query} -> {gold}: rank {rank} (first: {top})")
