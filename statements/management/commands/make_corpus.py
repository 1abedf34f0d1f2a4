"""`manage.py make_corpus --claims N --seed S [--publish]`: a deterministic synthetic corpus for
benchmarks: meetings, speakers, passages and claims in Urdu whose words and word frequencies are
those of real Urdu text: wordfreq's Urdu word list (23,000 word types with the frequencies
measured on real text: news, Wikipedia, subtitles, the web; a development dependency), the
words of the documents in seeds/ among them, and a tail of inflected forms and misspellings at
the frequencies of the rarest words, as real archives have. It prints the vocabulary's size and
how its words are spread over the claims it made.

Everything it makes is marked synthetic (Source.origin 'synthetic:...', speaker slugs
'synthetic-...', attribution 'synthetic') and stays a draft unless --publish is given. It writes
with COPY in batches, so a million claims take minutes, not hours. `--delete` removes it again.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import re
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from statements.models import Alias, Claim, Source, Speaker, Topic

ORIGIN = "synthetic:"
CLAIMS_PER_MEETING = 24
BATCH_MEETINGS = 2000
# Urdu names for synthetic speakers (given name, family name) and their countries.
GIVEN = ["احمد", "علی", "حسن", "محمد", "فاطمہ", "عائشہ", "عمران", "نواز", "جواد", "حسین", "سرگئی"]
FAMILY = ["ظریف", "لاوروف", "روحانی", "خان", "شریف", "قریشی", "ولایتی", "عباسی", "رضوی", "حیدری"]
COUNTRIES = ["IR", "RU", "SY", "PK", "TR", "IQ", "CN", "US", "AF", "IN"]
REPORTING = ["نے کہا کہ", "نے فرمایا کہ", "نے تاکید کی کہ", "نے واضح کیا کہ"]
KINDS = [k for k in Claim.Kind.values]


TAIL_FREQUENCY = 2e-8  # an inflected form or misspelling: as rare as the rarest listed words
SEED_FREQUENCY = 1e-7  # a word of the seed documents that the word list lacks


def real_frequencies() -> dict[str, float]:
    """Urdu words and their frequencies in real text (wordfreq), Arabic-script words only."""
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - production installs have no benchmarks
        raise CommandError(
            "make_corpus needs wordfreq (requirements-dev.txt: pip install -r requirements-dev.txt)"
        ) from None
    words = wordfreq.top_n_list("ur", 100_000, wordlist="best")
    urdu = re.compile(r"^[\u0600-\u06ff\u0750-\u077f]+$")
    return {w: wordfreq.word_frequency(w, "ur", wordlist="best") for w in words if urdu.match(w)}


def corpus_words() -> Counter:
    """Word frequencies of the real Urdu documents in seeds/."""
    counts: Counter = Counter()
    for path in sorted(Path(settings.BASE_DIR, "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        counts.update(re.findall(r"[\u0600-\u06ff\u0750-\u077f]+", text.split("\n", 1)[-1]))
    for mark in ("،", "۔", "؟", "؛"):
        counts.pop(mark, None)
    return counts


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """The words to draw from and their frequencies: real Urdu frequencies, the seed's words,
    then a tail of inflected forms and misspellings of the 5,000 commonest words."""
    frequencies = real_frequencies()
    for word in corpus_words():
        frequencies.setdefault(word, SEED_FREQUENCY)
    ranked = sorted(frequencies, key=lambda w: (-frequencies[w], w))
    tail = []
    for word in ranked[:5000]:
        if len(word) >= 3:
            stem = word[:-1] if word[-1] in "ہاےی" else word
            tail += [stem + "وں", stem + "ی", stem + "ے"]
        if len(word) >= 4:  # a misspelling: two letters swapped, or a dot-twin letter
            i = rng.randrange(1, len(word) - 1)
            tail.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    seen = set(ranked)
    tail = [w for w in dict.fromkeys(tail) if w not in seen]
    rng.shuffle(tail)
    words = ranked + tail
    return words, [frequencies[w] for w in ranked] + [TAIL_FREQUENCY] * len(tail)


class Command(BaseCommand):
    help = "Build a deterministic synthetic Urdu corpus for benchmarks (draft unless --publish)."

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, default=0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--publish", action="store_true", help="publish the meetings")
        parser.add_argument("--speakers", type=int, default=60)
        parser.add_argument("--delete", action="store_true", help="remove the synthetic corpus")

    def handle(self, *args, claims, seed, publish, speakers, delete, **options):
        if delete:
            return self.delete()
        if claims < 1 or claims > 5_000_000:
            raise CommandError("--claims must be between 1 and 5000000")
        if Source.objects.filter(origin__startswith=f"{ORIGIN}seed={seed}:").exists():
            raise CommandError(f"a synthetic corpus with seed {seed} exists; --delete it first")
        started = time.monotonic()
        rng = random.Random(seed)
        words, weights = vocabulary(rng)
        top = sum(weights[:100]) / sum(weights)
        self.stdout.write(
            f"vocabulary: {len(words):,} word types (real Urdu frequencies); the 100 commonest "
            f"are {top:.0%} of the words drawn"
        )
        cumulative = []
        total = 0.0
        for w in weights:
            total += w
            cumulative.append(total)
        people = self.speakers(rng, seed, speakers)
        topics = list(
            Alias.objects.filter(topic__isnull=False, language="ur", exclude_before="")
            .exclude(text__contains=" ")
            .values_list("text", "topic_id")
        )
        made = 0
        meeting_no = 0
        while made < claims:
            with transaction.atomic():
                batch = min(claims - made, CLAIMS_PER_MEETING * BATCH_MEETINGS)
                made += self.batch(
                    rng, seed, batch, meeting_no, words, cumulative, people, topics, publish
                )
                meeting_no += -(-batch // CLAIMS_PER_MEETING)
            self.stdout.write(f"{made} claims ({time.monotonic() - started:.0f} s)")
        with connection.cursor() as cursor:
            for table in (
                "source",
                "meeting",
                "speaker",
                "participation",
                "passage",
                "claim",
                "claim_topics",
            ):
                cursor.execute(f"ANALYZE statements_{table}")
            cursor.execute("ANALYZE search_vocabulary")
        self.spread()
        state = "published" if publish else "draft (not public; --publish to publish)"
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {made} synthetic claims in {meeting_no} meetings, {state}, "
                f"in {time.monotonic() - started:.0f} s."
            )
        )

    def spread(self) -> None:
        """How the archive's words are spread over claims and passages: word types by the
        number of rows that hold them (what the search bench picks its words from)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), count(*) FILTER (WHERE ndoc >= 10), "
                "count(*) FILTER (WHERE ndoc >= 100), count(*) FILTER (WHERE ndoc >= 1000), "
                "count(*) FILTER (WHERE ndoc >= 10000), count(*) FILTER (WHERE ndoc >= 100000) "
                "FROM search_vocabulary"
            )
            total, *at_least = cursor.fetchone()
        bands = ", ".join(
            f"{n:,} in {floor:,}+"
            for n, floor in zip(at_least, (10, 100, 1000, 10**4, 10**5), strict=True)
        )
        self.stdout.write(f"archive vocabulary: {total:,} word types; rows holding them: {bands}")

    def speakers(self, rng, seed, n) -> list[tuple[int, str]]:
        """Synthetic speakers (with one Urdu alias each), plus the archive's real ones."""
        out = []
        for i in range(n):
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            speaker, _ = Speaker.objects.get_or_create(
                slug=f"synthetic-{seed}-{i}",
                defaults={
                    "name": name,
                    "name_en": f"Synthetic speaker {seed}-{i}",
                    "country": rng.choice(COUNTRIES),
                    "is_provisional": False,
                },
            )
            out.append((speaker.pk, name))
        for speaker in Speaker.objects.exclude(slug__startswith="synthetic-").filter(
            is_provisional=False
        ):
            out.append((speaker.pk, speaker.name))
        return out

    def batch(self, rng, seed, n, first, words, cumulative, people, topics, publish) -> int:
        sources, meetings, passages, claims, claim_topics, participations = [], [], [], [], [], []
        ids = {t: self.next_ids(t, -(-n // CLAIMS_PER_MEETING) + 1) for t in ("source", "meeting")}
        passage_id = self.next_ids("passage", n + 1)
        claim_id = self.next_ids("claim", n + 1)
        now = datetime.datetime.now(datetime.UTC)
        made = 0
        m = 0
        while made < n:
            k = min(CLAIMS_PER_MEETING, n - made)
            who = rng.sample(people, 2)
            date = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randrange(9500))
            title = f"{who[0][1]} سے {who[1][1]} کی ملاقات"
            text = f"{date:%Y /%b/ %d} - {title}\n\n"
            spans = []
            for j in range(k):
                speaker_id, speaker_name = who[j % 2] if rng.random() < 0.9 else rng.choice(people)
                sentence_words = rng.choices(words, cum_weights=cumulative, k=rng.randint(8, 30))
                mentioned = rng.sample(topics, rng.choice([0, 0, 1, 1, 2])) if topics else []
                for alias, _ in mentioned:
                    sentence_words.insert(rng.randrange(len(sentence_words) + 1), alias)
                claim = " ".join(sentence_words)
                lead = f"{speaker_name} {rng.choice(REPORTING)} "
                p_start = len(text)
                text += lead
                c_start = len(text)
                text += claim
                c_end = len(text)
                text += "۔"
                spans.append((p_start, len(text), c_start, c_end, speaker_id, mentioned))
                text += "\n\n"
            source_id, meeting_id = ids["source"] + m, ids["meeting"] + m
            origin = f"{ORIGIN}seed={seed}:meeting={first + m}"
            digest = hashlib.sha256(text.encode()).hexdigest()
            sources.append((source_id, text, "ur", digest, origin, now, 1))
            meetings.append(
                (meeting_id, source_id, title, f"Synthetic meeting {seed}-{first + m}", date, "", "",
                 "published" if publish else "draft", now if publish else None,
                 f"synthetic-{seed}-{first + m}", now, now)
            )  # fmt: skip
            for speaker_id in {who[0][0], who[1][0]}:
                participations.append((meeting_id, speaker_id, ""))
            for pos, (p_start, p_end, c_start, c_end, speaker_id, mentioned) in enumerate(spans):
                pid, cid = passage_id + made, claim_id + made
                passages.append((pid, meeting_id, pos + 1, p_start, p_end, text[p_start:p_end]))
                roll = rng.random()
                status = (
                    "rejected" if roll < 0.01 else "needs_review" if roll < 0.03 else "accepted"
                    if roll < 0.2 else "extracted"
                )  # fmt: skip
                claims.append(
                    (cid, meeting_id, pid, speaker_id, text[c_start:c_end], c_start, c_end,
                     rng.choice(KINDS), "نے کہا کہ", "synthetic", status,
                     "synthetic: not checked" if status == "needs_review" else "", "", "",
                     now, now)
                )  # fmt: skip
                claim_topics += [(cid, topic_id) for topic_id in {t for _, t in mentioned}]
                made += 1
            m += 1
        self.copy("statements_source", "id, text, language, sha256, origin, ingested_at, version",
                  sources)  # fmt: skip
        self.copy(
            "statements_meeting",
            "id, source_id, title, title_en, date, place, duration_text, status, published_at, slug, "
            "created_at, updated_at",
            meetings,
        )
        self.copy("statements_participation", "meeting_id, speaker_id, role", participations)
        self.copy("statements_passage", 'id, meeting_id, position, start, "end", text', passages)
        # Tags before their claims (the foreign key is checked at commit): each claim's insert
        # trigger then fills its topic_ids once, instead of every tagged claim being rewritten.
        self.copy("statements_claim_topics", "claim_id, topic_id", claim_topics)
        self.copy(
            "statements_claim",
            'id, meeting_id, passage_id, speaker_id, text, start, "end", kind, reporting_phrase, '
            "attribution, review_status, review_note, translation_en, editor_note, created_at, "
            "updated_at",
            claims,
        )
        return made

    def next_ids(self, table: str, n: int) -> int:
        """Reserve n ids of a table's identity sequence; return the first."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('statements_{table}', 'id'), "
                f"nextval(pg_get_serial_sequence('statements_{table}', 'id')) + %s - 1)",
                [n],
            )
            return cursor.fetchone()[0] - n + 1

    def copy(self, table: str, columns: str, rows: list[tuple]) -> None:
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def delete(self):
        """Remove every synthetic row, one statement per table (no per-row collection)."""
        meetings = (
            "SELECT m.id FROM statements_meeting m JOIN statements_source s ON s.id = m.source_id "
            "WHERE s.origin LIKE 'synthetic:%%'"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            # Claims before their tags (checked at commit): a tag deleted first would have its
            # claim's topic_ids rewritten just before the claim goes.
            cursor.execute(
                "WITH gone AS (DELETE FROM statements_claim "
                f"WHERE meeting_id IN ({meetings}) RETURNING id) "
                "DELETE FROM statements_claim_topics WHERE claim_id IN (SELECT id FROM gone)"
            )
            for table in ("passage", "participation"):
                cursor.execute(f"DELETE FROM statements_{table} WHERE meeting_id IN ({meetings})")
            cursor.execute(
                "CREATE TEMP TABLE synthetic_sources ON COMMIT DROP AS "
                "SELECT id FROM statements_source WHERE origin LIKE 'synthetic:%%'"
            )
            cursor.execute(
                "DELETE FROM statements_meeting WHERE source_id IN (SELECT id FROM synthetic_sources)"
            )
            n = cursor.rowcount
            cursor.execute(
                "DELETE FROM statements_source WHERE id IN (SELECT id FROM synthetic_sources)"
            )
        Topic.objects.filter(speaker__slug__startswith="synthetic-").delete()
        Speaker.objects.filter(slug__startswith="synthetic-").delete()
        self.stdout.write(self.style.SUCCESS(f"Deleted {n} synthetic meetings."))
