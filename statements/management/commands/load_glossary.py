"""manage.py load_glossary: load the bilingual glossary (statements/search/data/glossary/) into
the GlossaryTerm table. Idempotent; never overwrites what an editor changed
(statements/search/glossary.py)."""

from django.core.management.base import BaseCommand, CommandError

from statements.search.glossary import load_glossary


class Command(BaseCommand):
    help = "Load the English-Urdu glossary the search expands English words with (idempotent)."

    def handle(self, *args, **options):
        try:
            report = load_glossary()
        except ValueError as error:
            raise CommandError(str(error)) from None
        lines = [f"{what}: {n} glossary entries" for what, n in sorted(report.items())]
        for line in lines or ["nothing to change"]:
            self.stdout.write(line)
