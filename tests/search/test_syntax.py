"""The query language (statements/search/syntax.py): pure, no database."""

from statements.search.syntax import FUNCTION_WORDS, ParsedQuery, Term, parse, words


def _texts(parsed: ParsedQuery) -> list[list[str]]:
    return [[t.text for t in group] for group in parsed.groups]


def test_words_are_folded_and_split_at_punctuation():
    assert words("امريكه، روس۔") == ["امریکہ", "روس"]


def test_words_are_anded_as_groups_of_one():
    assert _texts(parse("ایران روس")) == [["ایران"], ["روس"]]


def test_quoted_words_are_one_exact_phrase():
    (term,) = parse('"ایٹمی معاملے"').terms
    assert term == Term(("ایٹمی", "معاملے"), phrase=True)
    assert term.text == '"ایٹمی معاملے"'


def test_or_joins_the_items_on_either_side_in_any_case():
    for joiner in ("or", "OR", "Or", "|"):
        assert _texts(parse(f"ایران {joiner} روس شام")) == [["ایران", "روس"], ["شام"]]


def test_a_leading_or_is_ignored():
    assert _texts(parse("or ایران")) == [["ایران"]]


def test_minus_negates_a_word_or_a_phrase():
    parsed = parse('امریکہ -شام -"آج شام"')
    assert [t.negated for t in parsed.terms] == [False, True, True]
    assert parsed.positive == [parsed.groups[0]]


def test_a_negated_term_is_never_ored_with_a_positive_one():
    assert _texts(parse("ایران or -روس")) == [["ایران"], ["-روس"]]


def test_trailing_star_is_a_prefix_of_one_word_only():
    assert parse("جمہوری*").terms[0].prefix
    assert not parse('"جمہوری اسلامی*"').terms[0].prefix


def test_tsquery_syntax_and_control_characters_are_text():
    parsed = parse("ایران & روس | !شام (x) <-> 'a' \\ \x00")
    assert all(
        ch not in w for w in (w for t in parsed.terms for w in t.words) for ch in "&|!()<>'\\"
    )
    assert parse("& | ! ( ) <-> ''").groups == []


def test_an_unclosed_quote_is_a_phrase_to_the_end():
    assert parse('"ایران روس').terms[0] == Term(("ایران", "روس"), phrase=True)


def test_more_than_max_terms_are_dropped():
    assert len(parse(" ".join(f"لفظ{i}" for i in range(100))).terms) == 32


def test_function_words_are_marked_but_not_inside_phrases():
    assert parse("کے").terms[0].is_function_word
    assert not parse('"کے"').terms[0].is_function_word
    assert not parse("امن").terms[0].is_function_word
    assert {"کی", "نے", "ہے"} <= FUNCTION_WORDS and "امن" not in FUNCTION_WORDS


def test_text_gives_the_query_back():
    q = 'ایران or روس "ایٹمی معاملے" -شام جمہوری*'
    assert parse(parse(q).text()).groups == parse(q).groups
