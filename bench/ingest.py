"""Ingest time against document size: one synthetic report of N one-sentence paragraphs (each a
reported statement, so every paragraph is a passage and a claim), ingested through the same
service as `manage.py ingest` and the admin (past the size a report may have, which
statements/ingest/parse.py bounds at MAX_PARAGRAPHS), inside a transaction that is rolled back.

    .venv/bin/python bench/ingest.py [--paragraphs 1000 10000 50000] [--repeat 3]

Prints, per size, the median time, the time per 1000 paragraphs and its ratio to the smallest
size's (1.0 everywhere = linear growth), and the peak RSS of this process. Then the largest
document the admin's add-meeting form accepts (2 MB of dense reported speech, under
MAX_PARAGRAPHS) through the admin's own path (editing.add_meeting_from_document, history
included): it must stay well inside the web's 25 s statement timeout. Runs against the
development database (the embedded cluster unless DATABASE_URL is set); nothing is kept.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from statements.ingest.parse import parse_document  # noqa: E402
from statements.ingest.service import ingest_document  # noqa: E402

SENTENCES = [
    "روس کے صدر ولادیمیر پیوٹن نے کہا کہ دونوں ممالک کے درمیان تعاون {n} برسوں سے جاری ہے۔",
    "رہبر انقلاب اسلامی نے فرمایا کہ خطے کے مسائل کا حل علاقائی ممالک کے پاس ہے اور {n} اہم ہے۔",
    "اس ملاقات میں {n} موضوعات پر تبادلہ خیال کیا گیا اور دونوں وفود موجود تھے۔",
]


class Rollback(Exception):
    pass


def document(paragraphs: int, run: int) -> str:
    lines = [f"2016-01-{run % 28 + 1:02d} - رہبر انقلاب اسلامی سے روس کے صدر کی ملاقات {run}", ""]
    lines += [SENTENCES[i % len(SENTENCES)].format(n=i) for i in range(paragraphs)]
    return "\n".join(lines) + "\n"


def ingest_once(paragraphs: int, run: int) -> float:
    text = document(paragraphs, run)
    started = time.perf_counter()
    try:
        with transaction.atomic():
            # Past the limits a report may have (parse.MAX_PARAGRAPHS): measured, not allowed.
            parsed = parse_document(text, max_paragraphs=None)
            result = ingest_document(text, origin=f"bench-{run}", publish=True, parsed=parsed)
            assert result.passages == paragraphs, result
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return elapsed


DENSE = (
    "روس کے صدر ولادیمیر پیوٹن نے دورے کو تاریخی قرار دیتے ہوئے کہا کہ دونوں ممالک کے درمیان "
    "تعاون {n} برسوں سے جاری ہے اور خطے کے مسائل کا حل علاقائی ممالک کے پاس ہے۔ رہبر انقلاب "
    "اسلامی نے فرمایا کہ امریکہ پر اعتماد نہیں کیا جاسکتا اور آزاد ممالک کو باہمی تعاون بڑھانا "
    "چاہیے۔ اس ملاقات میں اعلیٰ حکام بھی موجود تھے۔"
)


def largest_admin_document() -> tuple[int, int, int, float]:
    from django.contrib.auth import get_user_model

    from statements.editing import add_meeting_from_document
    from statements.ingest.parse import MAX_DOCUMENT_BYTES

    head = "2016-01-05 - رہبر انقلاب اسلامی سے روس کے صدر کی ملاقات\n\n"
    lines, size, n = [], len(head.encode()), 0
    while True:
        line = DENSE.format(n=n) + "\n"
        if size + len(line.encode()) > MAX_DOCUMENT_BYTES:
            break
        lines.append(line)
        size += len(line.encode())
        n += 1
    text = head + "".join(lines)
    started = time.perf_counter()
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user("bench-editor")
            result = add_meeting_from_document(text, origin="bench-largest", date=None, user=user)
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return size, result.passages, result.claims, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(args.paragraphs)
    print(f"{'paragraphs':>10} {'median s':>9} {'s / 1000 paragraphs':>20} {'ratio':>6}")
    base = None
    run = 0
    for n in sizes:
        times = []
        for _ in range(args.repeat):
            run += 1
            times.append(ingest_once(n, run))
        median = statistics.median(times)
        per_k = median / n * 1000
        base = base or per_k
        print(f"{n:>10} {median:>9.2f} {per_k:>20.3f} {per_k / base:>6.2f}", flush=True)
    size, passages, claims, elapsed = largest_admin_document()
    print(
        f"largest document the admin accepts: {size / 1e6:.2f} MB, {passages} paragraphs, "
        f"{claims} claims: {elapsed:.1f} s through the admin's path"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
