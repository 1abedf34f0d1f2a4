"""`|urdu` marks each run of Urdu as Urdu; a bracket the run opens is closed inside it, so a
right-to-left run ending in ")" draws it at its own end."""

from statements.templatetags.urdu_text import mark_urdu


def test_a_run_keeps_the_bracket_it_closes():
    assert mark_urdu("دفتر رہبر انقلاب اسلامی (اردو سروس)") == (
        '<span lang="ur" dir="rtl">دفتر رہبر انقلاب اسلامی (اردو سروس)</span>'
    )
    assert mark_urdu("Ali Khamenei (سید علی خامنہ ای), named") == (
        'Ali Khamenei (<span lang="ur" dir="rtl">سید علی خامنہ ای</span>), named'
    )


def test_runs_and_latin_text_otherwise_as_before():
    assert mark_urdu("as «آپ»: «روس»") == ('as «<span lang="ur" dir="rtl">آپ»: «روس</span>»')
    assert mark_urdu("<b>x</b> شام") == '&lt;b&gt;x&lt;/b&gt; <span lang="ur" dir="rtl">شام</span>'
    assert mark_urdu(None) == ""
