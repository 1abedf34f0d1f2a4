"""Benchmark of the whole-archive export: claims per second and peak memory (RSS) of
`manage.py export` and of GET /api/v1/export, at given corpus sizes.

    .venv/bin/python bench/export.py --claims 100000 [--claims 1000000] [--format json]

Works in its own database (`archive_bench` in the embedded cluster, or BENCH_DATABASE_URL), never
in the development one. The corpus comes from `manage.py make_corpus --claims N --seed S
--publish` when that command exists; otherwise from a private generator here that copies the
seed meeting (its source, passages, claims, topics) as many times as needed, in SQL, through the
same constraints and span trigger as real data. Peak RSS is the kernel's high-water mark of the
exporting process (wait4 for the command, VmHWM of the web server for the endpoint).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SEED = ROOT / "seeds" / "000_6e83539992437108.txt"
PORT = int(os.environ.get("BENCH_PORT", "8799"))

COPY_SEED_SQL = """
CREATE TEMP TABLE bench_copies (g int, source_id bigint, meeting_id bigint) ON COMMIT DROP;
WITH template AS (
    SELECT m.*, s.text AS source_text, s.language AS source_language
    FROM statements_meeting m JOIN statements_source s ON s.id = m.source_id WHERE m.id = %(t)s
), sources AS (
    INSERT INTO statements_source (text, language, sha256, origin, ingested_at, version)
    SELECT t.source_text || E'\\n' || %(run)s || '-' || g, t.source_language,
           encode(sha256(convert_to(t.source_text || E'\\n' || %(run)s || '-' || g, 'UTF8')),
                  'hex'),
           'bench:' || %(run)s || ':' || g, now(), 1
    FROM template t, generate_series(1, %(n)s) g
    RETURNING id, origin
)
INSERT INTO bench_copies (g, source_id)
SELECT split_part(origin, ':', 3)::int, id FROM sources;

WITH template AS (SELECT * FROM statements_meeting WHERE id = %(t)s),
meetings AS (
    INSERT INTO statements_meeting (source_id, title, title_en, date, place, duration_minutes,
        duration_text, status, published_at, slug, created_at, updated_at)
    SELECT c.source_id, t.title, t.title_en, t.date + (c.g %% 3650), t.place,
        t.duration_minutes, t.duration_text, 'published', now(),
        left(t.slug, 150) || '-bench-' || %(run)s || '-' || c.g, now(), now()
    FROM template t, bench_copies c
    RETURNING id, source_id
)
UPDATE bench_copies c SET meeting_id = m.id FROM meetings m WHERE m.source_id = c.source_id;

INSERT INTO statements_participation (meeting_id, speaker_id, role)
SELECT c.meeting_id, p.speaker_id, p.role
FROM statements_participation p, bench_copies c WHERE p.meeting_id = %(t)s;

INSERT INTO statements_passage (meeting_id, position, start, "end", text)
SELECT c.meeting_id, p.position, p.start, p."end", p.text
FROM statements_passage p, bench_copies c WHERE p.meeting_id = %(t)s;

INSERT INTO statements_claim (meeting_id, passage_id, speaker_id, text, start, "end", kind,
    reporting_phrase, attribution, review_status, review_note, translation_en, editor_note,
    created_at, updated_at)
SELECT c.meeting_id, np.id, cl.speaker_id, cl.text, cl.start, cl."end", cl.kind,
    cl.reporting_phrase, cl.attribution, cl.review_status, cl.review_note, cl.translation_en,
    cl.editor_note, now(), now()
FROM statements_claim cl
JOIN statements_passage op ON op.id = cl.passage_id
CROSS JOIN bench_copies c
JOIN statements_passage np ON np.meeting_id = c.meeting_id AND np.position = op.position
WHERE cl.meeting_id = %(t)s AND cl.review_status <> 'rejected';

INSERT INTO statements_claim_topics (claim_id, topic_id)
SELECT nc.id, ct.topic_id
FROM statements_claim_topics ct
JOIN statements_claim oc ON oc.id = ct.claim_id AND oc.meeting_id = %(t)s
CROSS JOIN bench_copies c
JOIN statements_claim nc ON nc.meeting_id = c.meeting_id AND nc.start = oc.start
    AND nc."end" = oc."end";
"""


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
    commands = shell(
        env,
        "from django.core.management import get_commands; print('make_corpus' in get_commands())",
    )
    if commands == "True":
        # a corpus grown in steps needs a new seed per step (make_corpus refuses a used one)
        step_seed = str(seed if have == 0 else seed * 1_000_003 + have)
        manage(env, "make_corpus", "--claims", str(claims - have), "--seed", step_seed, "--publish")
        return "manage.py make_corpus"
    manage(env, "ingest", str(SEED))
    subprocess.run([PYTHON, __file__, "--generate", str(claims)], env=env, cwd=ROOT, check=True)
    return "private seed-copy generator (make_corpus is not in this branch)"


def generate(claims: int) -> None:
    """Copy the seed meeting until the archive holds `claims` public claims (runs inside
    Django, in a child process pointed at the bench database)."""
    import math

    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    django.setup()
    from django.db import connection, transaction

    from statements.models import Claim, Meeting

    template = Meeting.objects.get(source__origin=SEED.name)
    per_copy = Claim.objects.public().filter(meeting=template).count()
    left = math.ceil(max(0, claims - Claim.objects.public().count()) / per_copy)
    run = str(time.time_ns())
    while left > 0:
        n = min(20_000 // per_copy + 1, left)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(COPY_SEED_SQL, {"t": template.pk, "n": n, "run": f"{run}{left}"})
        left -= n
        print(f"  {Claim.objects.public().count():,} claims", flush=True)


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


def measure_endpoint(env, fmt: str, out: Path) -> tuple[float, int, int]:
    server = subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        env=dict(env, DJANGO_DEBUG="0"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{PORT}/api/v1/"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "meetings?page_size=1", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        before = _vm(server.pid, "VmHWM")
        started = time.monotonic()
        with (
            urllib.request.urlopen(url + f"export?format={fmt}", timeout=3600) as response,
            open(out, "wb") as sink,
        ):
            while chunk := response.read(1 << 20):
                sink.write(chunk)
        elapsed = time.monotonic() - started
        return elapsed, _vm(server.pid, "VmHWM"), before
    finally:
        server.terminate()
        server.wait()


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
    parser.add_argument("--out", default="/tmp", help="where the export files go")
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        return generate(args.generate)
    env = bench_env()
    rows = []
    for size in sorted(args.claims or [100_000]):
        how = build_corpus(env, size, args.seed)
        claims = public_claims(env)
        out = Path(args.out) / f"bench-export-{claims}.{args.format}"
        baseline = measure_database(env)
        rows.append(
            (
                "baseline: the database alone (query streamed, rows dropped)",
                claims,
                baseline,
                0,
                0,
                how,
            )
        )
        seconds, rss = measure_command(env, args.format, out)
        assert trailer_claims(out, args.format) == claims
        size_mb = out.stat().st_size / 1e6
        rows.append(("manage.py export", claims, seconds, rss, size_mb, how))
        seconds, rss, idle = measure_endpoint(env, args.format, out)
        assert trailer_claims(out, args.format) == claims
        rows.append(
            (f"GET /api/v1/export (idle {idle / 1e6:.0f} MB)", claims, seconds, rss, size_mb, how)
        )
        out.unlink()
    print(f"\nexport format: {args.format}")
    print("| what | claims | seconds | claims/s | × baseline | peak RSS | file | corpus |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    baseline = {}
    for what, claims, seconds, rss, size_mb, how in rows:
        baseline.setdefault(claims, seconds)
        print(
            f"| {what} | {claims:,} | {seconds:.1f} | {claims / seconds:,.0f} | "
            f"{seconds / baseline[claims]:.2f} | {f'{rss / 1e6:.0f} MB' if rss else '–'} | "
            f"{f'{size_mb:.0f} MB' if size_mb else '–'} | {how} |"
        )


if __name__ == "__main__":
    main()
