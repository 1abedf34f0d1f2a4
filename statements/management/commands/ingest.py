"""manage.py ingest [PATH ...]: parse, extract and save source documents (default: seeds/).

Every path is read and parsed before anything is written, so a bad document stops the run with
a one-line error and writes nothing; each document is then saved in its own transaction. What
is known of each report (publisher, original URL, publication date, language) comes from a
`sources.json` beside it (statements/ingest/metadata.py).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from statements.ingest.metadata import MetadataError, read_sidecar
from statements.ingest.parse import DocumentError, parse_document
from statements.ingest.service import ingest_document


class Command(BaseCommand):
    help = "Ingest source documents (files, or folders of .txt files; default: seeds/)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="files or folders (default: seeds/)")
        parser.add_argument(
            "--draft", action="store_true", help="leave the new meetings unpublished"
        )
        parser.add_argument(
            "--from-export", metavar="FILE", help="instead: load an export into an empty database"
        )

    def handle(self, *args, paths=(), draft=False, **options):
        if options.get("from_export"):
            from statements.api.export_loader import load_for_command

            return load_for_command(self, options["from_export"], paths)
        files = self._files([Path(p) for p in paths] or [Path(settings.SEEDS_DIR)])
        parsed = []
        sidecars = {}
        for path in files:
            try:
                data = path.read_bytes()
                if path.parent not in sidecars:
                    sidecars[path.parent] = read_sidecar(path.parent)
                info = sidecars[path.parent].get(path.name)
                parsed.append((path, data, parse_document(data), info))
            except OSError as exc:
                raise CommandError(f"{path}: cannot read: {exc.strerror}") from None
            except (DocumentError, MetadataError) as exc:
                raise CommandError(f"{path}: {exc}") from None

        totals = {"meetings": 0, "unchanged": 0, "passages": 0, "claims": 0, "needs_review": 0}
        for n, (path, data, doc, info) in enumerate(parsed, 1):
            result = ingest_document(
                data, origin=path.name, publish=not draft, parsed=doc, info=info
            )
            if result.status == "unchanged":
                totals["unchanged"] += 1
                self.stdout.write(f"[{n}/{len(parsed)}] {path.name}: unchanged, skipped")
                continue
            totals["meetings"] += 1
            for key in ("passages", "claims", "needs_review"):
                totals[key] += getattr(result, key)
            self.stdout.write(
                f"[{n}/{len(parsed)}] {path.name}: meeting {result.meeting.slug} "
                f"({result.meeting.get_status_display().lower()}), {result.passages} passages, "
                f"{result.claims} claims, {result.needs_review} need review"
            )
            if result.message:
                self.stdout.write(self.style.WARNING(f"    {result.message}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Ingested {totals['meetings']} meetings ({totals['unchanged']} unchanged): "
                f"{totals['passages']} passages, {totals['claims']} claims, "
                f"{totals['needs_review']} claims needing review."
            )
        )

    def _files(self, paths: list[Path]) -> list[Path]:
        files = []
        for path in paths:
            if path.is_dir():
                found = sorted(p for p in path.glob("*.txt") if p.is_file())
                if not found:
                    raise CommandError(f"{path}: no .txt documents in this folder")
                files.extend(found)
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{path}: no such file or folder")
        return files
