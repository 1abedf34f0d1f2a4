"""Benchmark of the whole-archive export: claims per second and peak memory (RSS) of
`manage.py export` and of GET /api/v1/export on gunicorn (as `make serve-prod` runs it: one
sync worker here), against a baseline measured in the same run: PostgreSQL alone producing the
export's one streamed query, rows thrown away.

    .venv/bin/python bench/export.py --claims 100000 [--claims 1000000] [--repeat 3]

Works in its own database (`archive_bench` in the embedded cluster, or BENCH_DATABASE_URL), never
in the development one, grown with `manage.py make_corpus --claims N --seed S --publish`. Each
round measures the three in turn, the order rotating from round to round (interleaved, so that
whatever else the machine does falls on all three alike); medians are printed with the range,
and each median's ratio to the baseline's. Peak RSS is the kernel's high-water mark of the
exporting process (wait4 for the command, VmHWM of the gunicorn worker for the endpoint).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8799"))


def bench_env() -> dict:
    env = dict(os.environ, DJANGO_LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT))
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        sys.path.insert(0, str(ROOT))
        from archive import pgcluster

        pgcluster.start()
        pgcluster._ensure_database("archive_bench", pgcluster.PGDATA)
        url = f"postgres://{pgcluster.SUPERUSER}@/archive_bench?host={pgcluster.socket_dir()}"
    env["DATABASE_URL"] = url
    return env


def manage(env, *args, capture=False) -> str:
    done = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return done.stdout or ""


def shell(env, code: str) -> str:
    return manage(env, "shell", "--no-imports", "-c", code, capture=True).strip()


def public_claims(env) -> int:
    return int(
        shell(env, "from statements.models import Claim; print(Claim.objects.public().count())")
    )


def build_corpus(env, claims: int, seed: int) -> str:
    """Grow the bench database to at least `claims` public claims; say how."""
    manage(env, "migrate", "-v0")
    have = public_claims(env)
    if have >= claims:
        return f"reused ({have} claims)"
    # a corpus grown in steps needs a new seed per step (make_corpus refuses a used one)
    step_seed = str(seed if have == 0 else seed * 1_000_003 + have)
    manage(env, "make_corpus", "--claims", str(claims - have), "--seed", step_seed, "--publish")
    return "manage.py make_corpus"


def measure_command(env, fmt: str, out: Path) -> tuple[float, int]:
    started = time.monotonic()
    process = subprocess.Popen(
        [
            PYTHON,
            str(ROOT / "manage.py"),
            "export",
            "--format",
            fmt,
            "-o",
            str(out),
            "--no-progress",
        ],
        env=env,
        cwd=ROOT,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - started
    if status != 0:
        raise SystemExit(f"export failed with status {status}")
    return elapsed, usage.ru_maxrss * 1024


BASELINE = """
import time
from django.db import connection
from statements.api import export
with export.snapshot(), connection.cursor() as cursor:
    sql, params = export._meetings_query()
    started = time.monotonic()
    for _ in cursor.cursor.stream(sql, params, size=export.MEETING_CHUNK):
        pass
    print(time.monotonic() - started)
"""


def measure_database(env) -> float:
    """Baseline: PostgreSQL alone producing the meetings with their ready JSON lists (the
    export's one big query, streamed and thrown away): what no Python code can beat."""
    return float(shell(env, BASELINE).splitlines()[-1])


def _vm(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


class Gunicorn:
    """gunicorn with the production settings on a loopback port, one sync worker."""

    def __init__(self, env):
        self.env = dict(
            env,
            DJANGO_PRODUCTION="1",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SECURE_SSL_REDIRECT="false",
            GUNICORN_BIND=f"127.0.0.1:{PORT}",
            GUNICORN_WORKERS="1",
            EXPORT_RATE_LIMIT="1000",
        )
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "archive/gunicorn.conf.py"],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{PORT}/api/v1/"
        for _ in range(150):  # until it answers
            try:
                urllib.request.urlopen(self.url + "meetings?page_size=1", timeout=5).read()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def worker(self) -> int:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return int(children.read_text().split()[0])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


def measure_endpoint(server: Gunicorn, fmt: str, out: Path) -> tuple[float, int]:
    started = time.monotonic()
    with (
        urllib.request.urlopen(server.url + f"export?format={fmt}", timeout=3600) as response,
        open(out, "wb") as sink,
    ):
        while chunk := response.read(1 << 20):
            sink.write(chunk)
    return time.monotonic() - started, _vm(server.worker(), "VmHWM")


def trailer_claims(path: Path, fmt: str) -> int:
    with open(path, "rb") as stream:
        stream.seek(max(0, path.stat().st_size - 4096))
        tail = stream.read().decode(errors="replace").strip().splitlines()[-1]
    if fmt == "ndjson":
        return json.loads(tail)["counts"]["claims"]
    return json.loads(tail[len('"counts":') :].rstrip("}") + "}")["claims"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, action="append", help="corpus sizes (repeatable)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("json", "ndjson"), default="json")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the three measurements")
    parser.add_argument("--out", default="/tmp", help="where the export files go")
    args = parser.parse_args()
    env = bench_env()
    print(f"export format: {args.format}; {args.repeat} interleaved rounds; medians [min-max]")
    print("| what | claims | seconds | claims/s | × baseline | peak RSS | file | corpus |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for size in sorted(args.claims or [100_000]):
        how = build_corpus(env, size, args.seed)
        claims = public_claims(env)
        out = Path(args.out) / f"bench-export-{claims}.{args.format}"
        server = Gunicorn(env)
        times: dict[str, list[float]] = {"baseline": [], "command": [], "endpoint": []}
        rss: dict[str, int] = {"baseline": 0, "command": 0, "endpoint": 0}
        try:
            for round_ in range(args.repeat):
                order = ["baseline", "command", "endpoint"]
                order = order[round_ % 3 :] + order[: round_ % 3]
                for what in order:
                    if what == "baseline":
                        times[what].append(measure_database(env))
                        continue
                    if what == "command":
                        seconds, peak = measure_command(env, args.format, out)
                    else:
                        seconds, peak = measure_endpoint(server, args.format, out)
                    assert trailer_claims(out, args.format) == claims
                    times[what].append(seconds)
                    rss[what] = max(rss[what], peak)
            size_mb = out.stat().st_size / 1e6
        finally:
            server.stop()
            out.unlink(missing_ok=True)
        base = statistics.median(times["baseline"])
        labels = {
            "baseline": "baseline: the database alone (query streamed, rows dropped)",
            "command": "manage.py export",
            "endpoint": "GET /api/v1/export (gunicorn)",
        }
        for what, label in labels.items():
            median = statistics.median(times[what])
            spread = f"[{min(times[what]):.1f}-{max(times[what]):.1f}]"
            print(
                f"| {label} | {claims:,} | {median:.1f} {spread} | {claims / median:,.0f} | "
                f"{median / base:.2f} | {f'{rss[what] / 1e6:.0f} MB' if rss[what] else '–'} | "
                f"{f'{size_mb:.0f} MB' if what != 'baseline' else '–'} | {how} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
