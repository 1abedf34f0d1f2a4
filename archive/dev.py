"""The two commands of the README, behind `make run` and `make test`.

    python -m archive.dev run   # database, migrations, seed, admin account, web server
    python -m archive.dev test  # database, lint, migration check, the whole test suite

With no DATABASE_URL, the project's embedded PostgreSQL (archive/pgcluster.py) is started and,
when this command started it, stopped again on exit (Ctrl-C included). With DATABASE_URL set,
that server is used and nothing is started.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from archive import pgcluster

BASE_DIR = Path(__file__).resolve().parent.parent
PY = sys.executable


def _step(title: str, *args: str, check: bool = True) -> int:
    print(f"==> {title}", flush=True)
    result = subprocess.run(args, cwd=BASE_DIR)
    if check and result.returncode != 0:
        raise SystemExit(result.returncode)
    return result.returncode


def _manage(title: str, *args: str) -> None:
    _step(title, PY, "manage.py", *args)


# Debian packages the tests need, by the command that shows they are there: Chromium for the
# browser tests, nginx (light) for the test behind a real reverse proxy.
TEST_PACKAGES = {"chromium": "chromium", "nginx": "nginx-light"}


def ensure_test_packages() -> None:
    """Install the Debian packages the tests drive when they are missing."""
    if os.environ.get("ARCHIVE_SKIP_PACKAGE_INSTALL") or os.environ.get(
        "ARCHIVE_SKIP_CHROMIUM_INSTALL"
    ):
        return
    missing = [pkg for command, pkg in TEST_PACKAGES.items() if not _which(command)]
    if not missing:
        return
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
    print(f"==> installing Debian's {', '.join(missing)} for the tests", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*apt, "update", "-qq"], check=True, env=env)
    subprocess.run([*apt, "install", "-y", "-qq", *missing], check=True, env=env)


def _which(command: str) -> str | None:
    """A command on PATH or in the sbin folders (nginx lives in /usr/sbin)."""
    path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    return shutil.which(command, path=path)


def _with_database(body) -> int:
    started = False
    if not os.environ.get("DATABASE_URL"):
        print(f"==> embedded PostgreSQL in {pgcluster.PGDATA}", flush=True)
        started = pgcluster.start()
    try:
        return body()
    finally:
        if started:
            pgcluster.stop()
            print("==> embedded PostgreSQL stopped", flush=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run() -> int:
    os.environ.setdefault("DJANGO_DEBUG", "true")
    address = os.environ.get("ARCHIVE_ADDRESS", "127.0.0.1:8000")
    # Ctrl-C and a plain kill both stop the server and then the database, even when started
    # from a shell that ignores SIGINT for background jobs.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)

    def body() -> int:
        _manage("applying migrations", "migrate", "--no-input")
        _manage("loading the reference people and places", "load_reference")
        _manage("loading the English-Urdu glossary", "load_glossary")
        _manage("ingesting seeds/", "ingest")
        _manage("checking the admin account", "ensure_admin")
        print(f"==> serving on http://{address}/ (Ctrl-C stops the server and the database)")
        # its own process group: the autoreloader and its child stop together
        server = subprocess.Popen(
            [PY, "manage.py", "runserver", address],
            cwd=BASE_DIR,
            start_new_session=True,
            env={**os.environ, "ARCHIVE_DATABASE_ROLE": "web"},  # the web's database timeouts
        )
        try:
            return server.wait()
        except KeyboardInterrupt:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            return 0

    return _with_database(body)


def test(pytest_args: list[str]) -> int:
    ensure_test_packages()
    _step("ruff check", PY, "-m", "ruff", "check", ".")
    _step("ruff format --check", PY, "-m", "ruff", "format", "--check", ".")

    def body() -> int:
        _manage("checking for missing migrations", "makemigrations", "--check", "--dry-run")
        code = _step("pytest", PY, "-m", "pytest", *pytest_args, check=False)
        if code == 5:
            print("pytest collected no tests: that is a failure", file=sys.stderr)
            return 1
        return code

    return _with_database(body)


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[1] not in {"run", "test"}:
        print("usage: python -m archive.dev run | test [pytest arguments]", file=sys.stderr)
        return 2
    return run() if argv[1] == "run" else test(argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
