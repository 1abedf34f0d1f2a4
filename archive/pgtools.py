"""PostgreSQL client programs (pg_dump, pg_restore, ...) for the configured database.

The embedded wheel's programs are preferred (PostgreSQL 18: they can dump any older server),
then the system's on PATH; a program older than the server is never used, as pg_dump refuses
or, worse, misses newer objects. Connection details go through libpq's environment variables,
so a password never appears on a command line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from django.db import connections

from archive import pgcluster


class ToolError(RuntimeError):
    pass


def major_version(program: str) -> int | None:
    try:
        result = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=10)
    except OSError:
        return None
    match = re.search(r"\(PostgreSQL\) (\d+)", result.stdout)
    return int(match.group(1)) if match else None


def candidates(name: str) -> list[str]:
    found = []
    try:
        embedded = pgcluster.bin_path(name)
        if Path(embedded).is_file():
            found.append(embedded)
    except pgcluster.ClusterError:
        pass
    system = shutil.which(name)
    if system:
        found.append(system)
    return found


def program_for(name: str, alias: str = "default") -> str:
    """The first `name` whose major version is at least the server's."""
    connection = connections[alias]
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    tried = []
    for program in candidates(name):
        major = major_version(program)
        tried.append(f"{program} ({major or 'unknown version'})")
        if major is not None and major >= server_major:
            return program
    raise ToolError(
        f"no {name} of PostgreSQL {server_major} or newer found "
        f"(tried: {', '.join(tried) or 'none'}); install the client programs of that version"
    )


def libpq_environment(alias: str = "default") -> dict[str, str]:
    """PG* variables naming the database of `alias`, for a client program's environment."""
    import os

    settings = connections[alias].settings_dict
    options = settings.get("OPTIONS", {})
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    values = {
        "PGHOST": settings.get("HOST") or "",
        "PGPORT": str(settings.get("PORT") or ""),
        "PGUSER": settings.get("USER") or "",
        "PGPASSWORD": settings.get("PASSWORD") or "",
        "PGDATABASE": settings["NAME"],
        "PGCONNECT_TIMEOUT": str(options.get("connect_timeout", "")),
        "PGSSLMODE": options.get("sslmode", ""),
    }
    env.update({k: v for k, v in values.items() if v})
    return env
