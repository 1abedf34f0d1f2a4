"""The cross-script name key: the Python twin and the SQL function agree on every name of the
reference data and the name pairs, in both scripts."""

import csv
import json
from pathlib import Path

import pytest
from django.db import connection

from statements.speakers import keys
from statements.speakers.refdata import DATA_DIR

PAIRS = Path(__file__).resolve().parent.parent / "data" / "names"


def _names() -> list[str]:
    names = set()
    for path in sorted((DATA_DIR / "people").glob("*.json")):
        for person in json.loads(path.read_text()):
            names.update([person["name_en"], *person["names_en"], *person["names_ur"]])
    for path in sorted(PAIRS.glob("*.tsv")):
        with path.open() as f:
            for row in csv.DictReader(f, delimiter="\t"):
                names.update([row["english"], row["urdu"]])
    names.update(["Çavuşoğlu", "Ebrahim  Raïsi", "خامنه اي", "طہٰ", "ff", "Tchaikovsky", ""])
    return sorted(names)


def test_the_key_of_a_name_is_the_same_in_both_scripts():
    assert keys.name_key("Sergey Lavrov") == keys.name_key("سرگئی لاوروف") == "SRK LRF"
    assert keys.name_key("Antony Blinken") == keys.name_key("انٹونی بلنکن")


@pytest.mark.django_db
def test_python_and_sql_keys_agree_on_every_reference_name():
    names = _names()
    assert len(names) > 5000
    with connection.cursor() as cursor:
        cursor.execute("SELECT t, speaker_name_key(t) FROM unnest(%s::text[]) AS t", [names])
        sql = dict(cursor.fetchall())
    mismatches = [(n, keys.name_key(n), sql[n]) for n in names if keys.name_key(n) != sql[n]]
    assert mismatches == []
