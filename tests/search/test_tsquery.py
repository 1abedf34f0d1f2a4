"""tsquery text from quoted lexemes (statements/search/tsquery.py): pure, no database."""

from statements.search.tsquery import all_of, any_of, lexeme, negate, phrase


def test_a_lexeme_is_quoted_and_escaped():
    assert lexeme("روس") == "'روس'"
    assert lexeme("it's") == "'it''s'"
    assert lexeme("a\\b") == "'a\\\\b'"
    assert lexeme("جمہوری", prefix=True) == "'جمہوری':*"


def test_a_phrase_chains_lexemes_with_followed_by():
    assert phrase(["دو", "طرفہ"]) == "'دو' <-> 'طرفہ'"


def test_any_of_brackets_each_part_and_drops_duplicates_and_blanks():
    assert any_of(["'a'", "", "'b'", "'a'"]) == "(('a') | ('b'))"
    assert any_of(["'a'"]) == "'a'"
    assert any_of(["", ""]) == ""


def test_all_of_ands_the_parts_and_drops_blanks():
    assert all_of(["'a'", "", "('b' | 'c')"]) == "('a') & (('b' | 'c'))"
    assert all_of([]) == ""


def test_negate():
    assert negate("'شام'") == "!('شام')"
