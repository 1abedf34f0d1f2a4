"""manage.py backup [-o FILE]: the whole database in pg_dump's custom format.

The dump holds schema and data (extensions, the urdu_normalize function, triggers, sequences)
and restores with `manage.py restore FILE`. Without -o it goes to backups/archive-<UTC time>.dump.
The file is readable by its owner only: it holds the editors' accounts.
"""

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive import pgtools


class Command(BaseCommand):
    help = "Back up the database to a file (pg_dump custom format)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="the file to write (default: backups/...)")

    def handle(self, *args, **options):
        if options["output"]:
            target = Path(options["output"])
        else:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = Path(settings.BASE_DIR) / "backups" / f"archive-{stamp}.dump"
        if target.is_dir():
            raise CommandError(f"{target} is a directory; give a file name")
        if not target.parent.is_dir():
            target.parent.mkdir(parents=True, mode=0o700)
        try:
            pg_dump = pgtools.program_for("pg_dump")
        except pgtools.ToolError as exc:
            raise CommandError(str(exc)) from exc
        partial = target.with_name(target.name + ".partial")
        # Created private before pg_dump writes a byte into it.
        partial.touch(mode=0o600)
        os.chmod(partial, 0o600)
        result = subprocess.run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"],
            env=pgtools.libpq_environment(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        partial.replace(target)  # a backup file is either whole or absent
        size = target.stat().st_size
        self.stdout.write(f"Backed up to {target} ({size:,} bytes).")
