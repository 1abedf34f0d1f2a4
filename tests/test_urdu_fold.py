"""The Urdu fold exists in Python and in SQL; these golden vectors pin the two together."""

import random

import pytest
from django.db import connection

from statements import urdu
from statements.models import UrduNormalize  # noqa: F401  (the SQL side under test)
from tests.conftest import SEED


def _vectors(n: int = 3000) -> list[str]:
    rng = random.Random(20151124)
    special = "".join(urdu.FOLD) + "ہھںےیکگٹڈڑ ۔،؟" + "ABCxyzÉ"
    words = SEED.read_text(encoding="utf-8").split()
    vectors = [ch for ch in special]
    for _ in range(n):
        pieces = [rng.choice(words) for _ in range(rng.randint(1, 4))]
        pieces += [rng.choice(special) for _ in range(rng.randint(0, 4))]
        rng.shuffle(pieces)
        vectors.append("".join(p if rng.random() < 0.7 else p + " " for p in pieces))
    return vectors


@pytest.mark.django_db
def test_sql_and_python_fold_agree_on_golden_vectors():
    vectors = _vectors()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT urdu_normalize(v) FROM unnest(%s::text[]) WITH ORDINALITY AS t(v, i) ORDER BY i",
            [vectors],
        )
        sql = [row[0] for row in cursor.fetchall()]
    mismatches = [
        (v, s, urdu.fold(v)) for v, s in zip(vectors, sql, strict=True) if s != urdu.fold(v)
    ]
    assert len(vectors) > 3000
    assert mismatches == []


def test_fold_is_idempotent():
    for v in _vectors(500):
        assert urdu.fold(urdu.fold(v)) == urdu.fold(v)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("كتاب", "کتاب"),  # Arabic kaf
        ("ايران", "ایران"),  # Arabic yeh
        ("اعلی", "اعلیٰ"),  # superscript alef
        ("مسئلہ", "مسئلہ"),
        ("ۂ", "ہ\u0654"),  # composed and decomposed hamza
        ("دہشت\u200cگرد", "دہشت گرد"),  # ZWNJ
        ("۲۰۱۵", "2015"),  # Urdu digits
        ("٢٠١٥", "2015"),  # Arabic-Indic digits
        ("مـلاقات", "ملاقات"),  # tatweel
        ("PUTIN", "putin"),
    ],
)
def test_typed_variants_fold_to_the_same_key(typed, stored):
    assert urdu.fold(typed) == urdu.fold(stored)


def test_distinct_urdu_letters_stay_distinct():
    assert urdu.fold("بھی") != urdu.fold("بہی")  # do-chashmi heh vs heh goal
    assert urdu.fold("میں") != urdu.fold("مین")  # noon ghunna
    assert urdu.fold("کے") != urdu.fold("کی")  # yeh barree vs yeh


def test_migration_holds_the_current_fold():
    from importlib import import_module

    migration = import_module("statements.migrations.0001_extensions_and_urdu_normalize")
    assert urdu.sql_function_body() == migration.URDU_NORMALIZE


@pytest.mark.django_db
def test_database_is_utf8_with_a_utf8_ctype():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database "
            "WHERE datname = current_database()"
        )
        encoding, ctype = cursor.fetchone()
        cursor.execute("SELECT to_tsvector('simple', 'ہے۔ کی، شام')::text")
        vector = cursor.fetchone()[0]
    assert encoding == "UTF8"
    assert "utf" in ctype.lower()
    assert vector == "'شام':3 'کی':2 'ہے':1"  # ۔ and ، separate words
