"""manage.py export [--format json|ndjson] [-o FILE] [--generated-at TIME]

Writes the whole published archive, the same bytes as GET /api/v1/export (statements/api/export.py),
to FILE or stdout, with a progress bar on stderr. A file is written beside its final name and
renamed at the end, so an interrupted export never leaves a truncated file behind.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from statements.api import export
from statements.models import Claim


class Progress:
    """A one-line progress bar on stderr, redrawn at most five times a second."""

    def __init__(self, total: int, stream=None, width: int = 30):
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self.started = self.drawn = time.monotonic()

    def __call__(self, claims: int) -> None:
        self.done += claims
        now = time.monotonic()
        if now - self.drawn >= 0.2:
            self.drawn = now
            self.draw(now)

    def draw(self, now: float, end: str = "") -> None:
        share = self.done / self.total if self.total else 1.0
        filled = int(share * self.width)
        rate = self.done / max(now - self.started, 1e-6)
        self.stream.write(
            f"\rexport [{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} "
            f"claims ({rate:,.0f}/s){end}"
        )
        self.stream.flush()

    def finish(self) -> None:
        self.draw(time.monotonic(), end="\n")


def _moment(value: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CommandError(f"--generated-at must be an ISO date-time, not {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


class Command(BaseCommand):
    help = "Export the published archive as one JSON document (or NDJSON), streamed."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=export.FORMATS, default="json")
        parser.add_argument("-o", "--output", help="file to write (default: stdout)")
        parser.add_argument(
            "--generated-at",
            help="ISO date-time to record as generated_at (default: now), for reproducible files",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, format="json", output=None, generated_at=None, **options):
        moment = _moment(generated_at) if generated_at else None
        progress = None
        if not options["no_progress"]:
            progress = Progress(Claim.objects.public().count(), stream=self.stderr._out)
        chunks = export.stream(format=format, generated_at=moment, progress=progress)
        if output in (None, "-"):
            text = self.stdout._out
            binary = getattr(text, "buffer", None)
            for chunk in chunks:
                if binary is not None:
                    binary.write(chunk)
                else:  # a text stream (call_command(stdout=StringIO()) in tests)
                    text.write(chunk.decode())
            text.flush()
            if binary is not None:
                binary.flush()
        else:
            self._write_file(Path(output), chunks)
        if progress:
            progress.finish()

    def _write_file(self, path: Path, chunks) -> None:
        """A regular file is written beside and renamed into place, so that an interrupted
        export never leaves half a document under the name; anything else that exists (a
        device such as /dev/null, a pipe) is written to as it is, never replaced."""
        in_place = path.exists() and not path.is_file()
        target = path if in_place else path.with_name(f".{path.name}.partial")
        try:
            with open(target, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
            if not in_place:
                os.replace(target, path)
        except BaseException as exc:
            if not in_place:
                target.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise CommandError(f"{path}: cannot write: {exc.strerror}") from None
            raise
