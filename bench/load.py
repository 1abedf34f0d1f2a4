"""Load and fault benchmark of the production server (gunicorn, DEBUG off) on loopback.

    .venv/bin/python bench/load.py [--duration 60] [--clients 10,50] [--no-fault]
    .venv/bin/python bench/load.py --url http://127.0.0.1:8000   # a server already running

It migrates and ingests the seed into the development database (build a large archive first
with `manage.py make_corpus`), starts gunicorn exactly as `make serve-prod` does (on a free port,
behind the X-Forwarded-Proto header a TLS proxy sets), then for each number of concurrent
clients runs two phases of --duration seconds and prints throughput, p50/p95/p99 latency and
errors per URL:

- warm: the URL mix (pages, the API, and searches of words drawn from the archive's vocabulary
  across its frequencies), every URL fetched once before the clock starts, so that the shared
  response cache holds them: what a site serving its popular pages does;
- cold: searches never made before (each request a word not asked yet, page or API), which no
  cache can serve.

The fault phase then stops the embedded PostgreSQL for 10 s in the middle of a warm run and
prints, second by second, what the clients got: 503s answered quickly while it is down, 200s
again after it is back, no 500s.

Why a small Python client (threads + http.client) rather than wrk or locust: it needs nothing
beyond the standard library (wrk is a Debian package, locust pulls in gevent), the URL mix is a
plain list built from the database (wrk needs Lua for that), and the same script can stop and
restart the database at a known moment and attribute every response to a second of the run.
Its own overhead is small next to a Django request (a connection per request, as gunicorn's
sync workers close them), and it shares the machine's cores with the server, so figures are a
floor, not a ceiling.

To add pages (search, the API) append to URL_MIX: each entry is a name and a path template
filled from `sample_values()`.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

# (name, path template): the mix each client cycles through, in random order.
URL_MIX = [
    ("meeting page", "/meetings/{meeting}/"),
    ("speaker page", "/speakers/{speaker}/"),
    ("topic page", "/topics/{topic}/"),
    ("readyz", "/readyz"),
    ("admin login", "/admin/login/"),
    ("search page", "/?q=%D8%A7%D9%85%D8%B1%DB%8C%DA%A9%DB%81"),  # امریکہ
    ("search + facet", "/?q=%D8%B4%D8%A7%D9%85&speaker={speaker}"),  # شام, one speaker
    ("API claims search", "/api/v1/claims?q=%D8%B1%D9%88%D8%B3"),  # روس
    ("API meeting", "/api/v1/meetings/{meeting_id}"),
    ("API speakers", "/api/v1/speakers"),
]
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
FAULT_SECONDS = 10
RESULTS = BASE_DIR / "bench" / "results"  # git-ignored


@dataclass
class Result:
    started: float
    latency: float
    status: int  # 0: no HTTP response (connection error, timeout)
    name: str


@dataclass
class Run:
    results: list[Result] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


SEARCHES_WARM = 60  # vocabulary words searched in the warm mix (as a page and in the API)


def vocabulary_words(n: int, seed: int = 7) -> list[str]:
    """`n` words of the archive's vocabulary held by 2 to 200,000 rows, spread over the
    frequencies (drawn at random, reproducibly)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM search_vocabulary WHERE ndoc BETWEEN 2 AND 200000 "
            "AND length(word) >= 3 ORDER BY word"
        )
        words = [row[0] for row in cursor.fetchall()]
    rng = random.Random(seed)
    return rng.sample(words, min(n, len(words)))


def sample_values() -> dict[str, str]:
    """Slugs of the seed's published meeting, a speaker and a topic, read with the ORM."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    from statements.models import Claim, Meeting

    meeting = Meeting.objects.published().order_by("date", "pk").first()
    claim = Claim.objects.public().filter(topics__isnull=False).order_by("pk").first()
    if meeting is None or claim is None:
        sys.exit("no published meeting: run `manage.py ingest` first")
    from django.db import connections

    values = {
        "meeting": meeting.slug,
        "meeting_id": str(meeting.pk),
        "speaker": claim.speaker.slug,
        "topic": claim.topics.order_by("pk").first().slug,
        "words": vocabulary_words(SEARCHES_WARM + 20_000),
    }
    connections.close_all()
    return values


def search_urls(words: list[str]) -> list[tuple[str, str]]:
    out = []
    for i, word in enumerate(words):
        q = quote(word)
        out.append(
            ("vocabulary search", f"/?q={q}")
            if i % 2
            else ("vocabulary API", f"/api/v1/claims?q={q}")
        )
    return out


class ColdWords:
    """Searches nobody has made yet, handed out once each across the client threads."""

    def __init__(self, words: list[str]):
        self.urls = iter(search_urls(words))
        self.lock = threading.Lock()

    def __call__(self, rng) -> tuple[str, str]:
        with self.lock:
            name, path = next(self.urls)
        return f"cold {name}", path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(port: int, workers: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")}
    env.update(
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=workers,
        DJANGO_LOG_LEVEL="WARNING",
        # every simulated client comes from 127.0.0.1: lift the per-address search limit
        SEARCH_RATE_LIMIT="1000000",
    )
    env.setdefault("DATABASE_CONN_MAX_AGE", "60")  # as `make serve-prod`
    return env


def prepare(env: dict) -> None:
    """What `make serve-prod` does first, and the seed for the pages to show."""
    manage = [sys.executable, "manage.py"]
    for step in (["migrate", "--no-input", "-v0"], ["ingest"], ["collectstatic", "--no-input"]):
        subprocess.run([*manage, *step], cwd=BASE_DIR, env=env, check=True, capture_output=True)


def start_server(env: dict) -> subprocess.Popen:
    port = int(env["GUNICORN_BIND"].rsplit(":", 1)[1])
    RESULTS.mkdir(exist_ok=True)
    log = open(RESULTS / "gunicorn-load.log", "w")  # noqa: SIM115 (lives with the server)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "archive/gunicorn.conf.py"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if fetch("127.0.0.1", port, "/healthz", timeout=1)[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn did not start: see {RESULTS / 'gunicorn-load.log'}")


def fetch(host: str, port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=HEADERS)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def client(host, port, urls, stop_at: float, run: Run, seed: int) -> None:
    rng = random.Random(seed)
    mine = []
    while (now := time.monotonic()) < stop_at:
        name, path = urls(rng) if callable(urls) else rng.choice(urls)
        try:
            status, _ = fetch(host, port, path)
        except OSError:
            status = 0
        mine.append(Result(now, time.monotonic() - now, status, name))
    with run.lock:
        run.results.extend(mine)


def drive(host, port, urls, clients: int, seconds: float, during=None) -> tuple[Run, float]:
    run = Run()
    start = time.monotonic()
    stop_at = start + seconds
    threads = [
        threading.Thread(target=client, args=(host, port, urls, stop_at, run, n))
        for n in range(clients)
    ]
    for t in threads:
        t.start()
    if during is not None:
        during(start)
    for t in threads:
        t.join()
    return run, start


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def summary_row(label: str, results: list[Result], seconds: float) -> str:
    latencies = sorted(r.latency * 1000 for r in results)
    errors = sum(1 for r in results if not 200 <= r.status < 400)
    return (
        f"| {label} | {len(results)} | {len(results) / seconds:.1f} | "
        f"{percentile(latencies, 0.50):.1f} | {percentile(latencies, 0.95):.1f} | "
        f"{percentile(latencies, 0.99):.1f} | {errors} |"
    )


def load_phase(host, port, urls, clients: int, seconds: float, title: str) -> None:
    run, _ = drive(host, port, urls, clients, seconds)
    print(f"\n### {title}: {clients} concurrent clients, {seconds:.0f} s\n")
    print("| URL | requests | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(summary_row("**all**", run.results, seconds))
    for name in dict.fromkeys(r.name for r in run.results):
        print(summary_row(name, [r for r in run.results if r.name == name], seconds))
    statuses = Counter(r.status for r in run.results)
    print(f"\nstatuses: {dict(sorted(statuses.items()))}")


def fault_phase(host, port, urls, clients: int) -> None:
    from archive import pgcluster

    seconds = 3 * FAULT_SECONDS
    marks = {}

    def outage(start):
        time.sleep(FAULT_SECONDS - (time.monotonic() - start))
        marks["down"] = time.monotonic() - start
        pgcluster.stop()
        time.sleep(FAULT_SECONDS)
        marks["restart"] = time.monotonic() - start
        pgcluster.start()
        marks["up"] = time.monotonic() - start

    run, start = drive(host, port, urls, clients, seconds, during=outage)
    print(
        f"\n### Fault: {clients} clients, {seconds} s, PostgreSQL stopped at "
        f"{marks['down']:.1f} s, restarted at {marks['restart']:.1f} s (ready at "
        f"{marks['up']:.1f} s)\n"
    )
    print("| second | 200 | 503 | 500 | other | max latency ms |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for second in range(seconds):
        in_second = [r for r in run.results if second <= r.started - start < second + 1]
        count = Counter(r.status for r in in_second)
        other = sum(n for s, n in count.items() if s not in (200, 503, 500))
        worst = max((r.latency for r in in_second), default=0) * 1000
        print(f"| {second} | {count[200]} | {count[503]} | {count[500]} | {other} | {worst:.0f} |")
    down = [r for r in run.results if marks["down"] + 0.5 < r.started - start < marks["restart"]]
    print("\nWhile it was down (from 0.5 s after the stop to the restart):\n")
    print("| URL | requests | statuses | p50 ms | p99 ms |")
    print("| --- | ---: | --- | ---: | ---: |")
    for name in dict.fromkeys(name for name, _ in urls):
        mine = [r for r in down if r.name == name]
        lat = sorted(r.latency * 1000 for r in mine)
        statuses = dict(sorted(Counter(r.status for r in mine).items()))
        print(
            f"| {name} | {len(mine)} | {statuses} | {percentile(lat, 0.5):.1f} | "
            f"{percentile(lat, 0.99):.1f} |"
        )
    print(f"\n500s in the whole run: {sum(1 for r in run.results if r.status == 500)}")
    name = urls[0][0]  # a page that needs the database
    recovered = min(
        (
            r.started + r.latency - start
            for r in run.results
            if r.name == name and r.status == 200 and r.started - start > marks["restart"]
        ),
        default=None,
    )
    if recovered is not None:
        print(
            f"first {name} 200 after the restart: {recovered - marks['restart']:.2f} s after "
            f"`pg_ctl start` began, {recovered - marks['up']:.2f} s after it returned"
        )
    else:
        print(f"{name} did not recover within the run")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds per load phase")
    parser.add_argument("--clients", default="10,50", help="comma-separated client counts")
    parser.add_argument("--workers", default="5", help="gunicorn workers when started here")
    parser.add_argument("--url", help="a server already running (no fault phase)")
    parser.add_argument("--no-fault", action="store_true", help="skip the database-down phase")
    args = parser.parse_args()

    if not args.url and not os.environ.get("DATABASE_URL"):
        from archive import pgcluster

        pgcluster.start()
    server = None
    if args.url:
        parts = urlsplit(args.url)
        host, port = parts.hostname, parts.port or 80
    else:
        host, port = "127.0.0.1", free_port()
        env = server_env(port, args.workers)
        prepare(env)
    values = sample_values()
    words = values.pop("words")
    urls = [(name, template.format(**values)) for name, template in URL_MIX]
    urls += search_urls(words[:SEARCHES_WARM])
    cold = ColdWords(words[SEARCHES_WARM:])
    if not args.url:
        server = start_server(env)
    try:
        for name, path in urls:  # every warm URL once: the response cache holds them
            status, _ = fetch(host, port, path, timeout=60)
            if status != 200:
                print(f"warning: {name} {path} answers {status}", file=sys.stderr)
        print(f"## Load on {host}:{port} (gunicorn, DEBUG off, {os.cpu_count()} CPUs shared)")
        for clients in (int(c) for c in args.clients.split(",")):
            load_phase(host, port, urls, clients, args.duration, "warm (cached)")
            load_phase(host, port, cold, clients, args.duration, "cold (never searched)")
        if args.no_fault or args.url or os.environ.get("DATABASE_URL"):
            print("\n(fault phase skipped: it stops the embedded PostgreSQL)")
        else:
            fault_phase(host, port, urls, clients=10)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
