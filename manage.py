#!/usr/bin/env python
"""Django's command-line utility for the archive.

Without DATABASE_URL, the project's embedded PostgreSQL is started when it is not running (it
keeps running afterwards: `make db-stop` stops it).
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    if not os.environ.get("DATABASE_URL"):
        from archive import pgcluster

        try:
            if pgcluster.start():
                print(f"(started the embedded PostgreSQL in {pgcluster.PGDATA})", file=sys.stderr)
        except pgcluster.ClusterError as exc:
            sys.exit(f"error: {exc}")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
