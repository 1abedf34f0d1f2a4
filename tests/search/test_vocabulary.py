"""The search vocabulary: its SQL keys agree with the Python ones, triggers keep it exact, and
word forms, compounds and near spellings come from it."""

import pytest
from django.db import connection

from statements.models import Claim, Passage
from statements.search import vocabulary
from statements.urdu import fold

pytestmark = pytest.mark.django_db

WORDS = ["نظر", "نطر", "سیاسی", "سایسی", "خلاف", "ذرہ", "زرہ", "ثابت", "صاحب", "حکومت", "آزادی"]


def vocabulary_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, ndoc FROM search_vocabulary")
        return dict(cursor.fetchall())


def rebuilt_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vocabulary_rebuild()")
    return vocabulary_rows()


def test_sql_keys_equal_python_keys(seeded):
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM search_vocabulary")
        corpus = [r[0] for r in cursor.fetchall()]
        for word in [*corpus, *(fold(w) for w in WORDS)]:
            cursor.execute(
                "SELECT urdu_sound_key(%s), urdu_skeleton(%s), urdu_letters(%s)", [word] * 3
            )
            assert cursor.fetchone() == (
                vocabulary.sound_key(word),
                vocabulary.skeleton(word),
                vocabulary.letters(word),
            ), word


def test_keys_group_the_known_confusions():
    assert vocabulary.skeleton("نظر") == vocabulary.skeleton("نطر")
    assert vocabulary.sound_key("ذرہ") == vocabulary.sound_key("زرہ")
    assert vocabulary.letters("سیاسی") == vocabulary.letters("سایسی")


def test_triggers_keep_the_vocabulary_exact(seeded):
    assert vocabulary_rows() == rebuilt_rows()
    claim = Claim.objects.filter(text__contains="داعش").first()
    Claim.objects.filter(pk=claim.pk).update(review_status="accepted")  # text unchanged
    assert vocabulary_rows() == rebuilt_rows()
    Passage.objects.filter(pk=claim.passage_id).delete()  # cascades to its claims
    after = vocabulary_rows()
    assert after == rebuilt_rows()
    assert "داعش" not in after


def test_word_forms_come_from_the_archive(seeded):
    forms = vocabulary.forms([fold("ملک"), fold("مسئلہ"), fold("قوم")])
    assert set(forms[fold("ملک")]) >= {"ملک", "ممالک"}
    assert set(forms[fold("مسئلہ")]) >= {fold("مسئلہ"), fold("مسائل"), fold("مسئلے")}
    assert set(forms[fold("قوم")]) >= {"اقوام", "قوموں"}
    assert vocabulary.forms(["کمپیوٹر"])["کمپیوٹر"] == []


def test_compounds_and_splits(seeded):
    assert vocabulary.compounds([("دو", "طرفہ")]) == {("دو", "طرفہ")}
    assert ("دو", "طرفہ") in vocabulary.splits(["دوطرفہ"])["دوطرفہ"]


def test_near_spellings(seeded):
    assert vocabulary.near_spellings("نظر")[0] == "نطر"
    assert "سایسی" in vocabulary.near_spellings("سیاسی", edits=False)
    assert "خاف" in vocabulary.near_spellings("خلاف")
    assert vocabulary.near_spellings("کو") == []  # too short to guess


def test_a_name_form_holding_a_shorter_one_is_left_out_of_the_text_query():
    from statements.search.names import Name

    name = Name(
        ("putin",),
        urdu_forms=[
            (("روس", "کے", "صدر"), [], []),
            (("روس", "کے", "صدر", "ولادیمیر", "پیوٹن"), [], []),
            (("ولادیمیر", "پیوٹن"), [], []),
            (("پیوٹن",), [], []),
            (("شام",), [("آج",)], []),  # with exclusions: left to the tags, never text
        ],
    )
    parts = set(name.tsquery().strip("()").split(") | ("))
    assert parts == {"'putin'", "'روس' <-> 'کے' <-> 'صدر'", "'پیوٹن'"}


def test_an_infinitive_has_the_forms_of_its_stem():
    from statements.search.vocabulary import verb_forms

    forms = verb_forms(fold("بڑھانا"))
    assert {fold(f) for f in ("بڑھا", "بڑھائے", "بڑھانے", "بڑھاتے", "بڑھایا")} <= forms
    assert {fold(f) for f in ("کی", "کیا", "کرتے", "کریں")} <= verb_forms(fold("کرنا"))
    assert verb_forms(fold("تمنا")) == set()  # a noun in نا, its "stem" a word of its own
    assert verb_forms(fold("معاہدہ")) == set()
