"""manage.py restore FILE: replace the database's contents with a `manage.py backup` file.

The file is checked first (pg_restore --list); then everything is restored in one transaction,
so a failure leaves the database as it was. Objects in the backup are dropped and recreated;
rows written since the backup are lost, which is why it asks first (--no-input to skip).
"""

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from archive import pgtools


class Command(BaseCommand):
    help = "Restore the database from a backup file made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup file (pg_dump custom format)")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="do not ask to confirm"
        )

    def handle(self, *args, **options):
        source = Path(options["file"])
        if not source.is_file():
            raise CommandError(f"{source}: no such file")
        try:
            pg_restore = pgtools.program_for("pg_restore")
        except pgtools.ToolError as exc:
            raise CommandError(str(exc)) from exc
        env = pgtools.libpq_environment()
        listing = subprocess.run(
            [pg_restore, "--list", str(source)], env=env, capture_output=True, text=True
        )
        if listing.returncode != 0:
            reason = listing.stderr.strip().splitlines()[-1] if listing.stderr.strip() else ""
            raise CommandError(f"{source} is not a backup made by `manage.py backup`: {reason}")
        database = connections["default"].settings_dict["NAME"]
        if options["interactive"]:
            answer = input(
                f"This replaces everything in the database {database!r} with {source}.\n"
                "Type 'yes' to continue: "
            )
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled.")
        # Our own idle connection must not hold locks on what pg_restore drops.
        connections.close_all()
        result = subprocess.run(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={database}",
                str(source),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(
                f"pg_restore failed, the database is unchanged: {result.stderr.strip()}"
            )
        self.stdout.write(f"Restored {database!r} from {source}.")
