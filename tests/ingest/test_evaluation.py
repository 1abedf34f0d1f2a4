"""The evaluation's own rules: how names are compared, when a found claim matches a gold one,
what counts as narrative inside a claim or as a junk speaker (statements/ingest/evaluation.py).
No figure here is a pass mark: the command prints the figures, these tests check the ruler."""

import datetime
import io

import pytest
from django.core.management import call_command

from statements.ingest import evaluation
from statements.ingest.evaluation import Found, GoldDoc, names_agree, score


@pytest.mark.parametrize(
    ("name", "gold", "agree"),
    [
        ("ولادیمیر پوتن", "ولادیمیر پیوٹن", True),  # spellings of one name
        ("شہبازشریف", "شہباز شریف", True),  # written joined
        ("صدر آصف علی زرداری", "آصف علی زرداری", True),  # the office with the name
        ("زرداری", "آصف علی زرداری", True),  # a shorter name of the same person
        ("وزیر خارجہ", "شاہ محمود قریشی", False),  # an office is not the person
        ("نٹور سنگھ", "من موہن سنگھ", False),
        ("ایرانی وزیر خارجہ", "وزیر خارجہ", True),
    ],
)
def test_names_are_compared_folded_and_one_within_the_other(name, gold, agree):
    assert names_agree(name, gold) is agree


class _Members:
    def __init__(self, members):
        self._members = members

    def all(self):
        return self._members


class _Speaker:
    def __init__(self, pk, name, kind="person", name_en="", members=()):
        self.pk, self.name, self.kind, self.name_en = pk, name, kind, name_en
        self.members = _Members(list(members))


TEXT = "عنوان\nوزیر خارجہ علی احمد نے کہا کہ امن ضروری ہے اور تجارت بڑھے گی۔ وفد لاہور پہنچا۔\n"


def _doc(claims):
    gold = {
        "style": "phone-call",
        "claims": claims,
        "narrative": ["وفد لاہور پہنچا"],
        "participants": [{"en": "Ali Ahmad", "ur": "علی احمد", "type": "person"}],
    }
    return GoldDoc("01_test", 1, "phone-call", datetime.date(2020, 1, 1), TEXT, gold)


CLAIM = {
    "text": "امن ضروری ہے اور تجارت بڑھے گی",
    "speaker_named": "وزیر خارجہ علی احمد",
    "speaker": "Ali Ahmad",
    "speaker_ur": "علی احمد",
    "speaker_type": "person",
    "kind": "assertion",
}


def _found(text, speaker, subject="وزیر خارجہ علی احمد"):
    start = TEXT.index(text)
    return Found(start, start + len(text), "assertion", speaker, subject, "name:reported-speech")


def test_an_exact_claim_matches_with_its_speaker_kind_and_subject():
    ali = _Speaker(1, "علی احمد")
    result = score(_doc([CLAIM]), [_found(CLAIM["text"], ali)], [ali])
    assert (result.matched, result.exact, result.attributed, result.kind, result.subject) == (
        1, 1, 1, 1, 1,
    )  # fmt: skip
    assert (result.spurious, result.junk, result.narrative_inside) == (0, 0, 0)
    assert result.participants_right == 1


def test_a_claim_that_swallows_the_narrative_matches_no_more_and_counts_it_inside():
    ali = _Speaker(1, "علی احمد")
    swallowed = "امن ضروری ہے اور تجارت بڑھے گی۔ وفد لاہور پہنچا"
    result = score(_doc([CLAIM]), [_found(swallowed, ali)], [])
    # 7 words of the gold claim in 10: a Jaccard index of 0.7 still matches, not exactly
    assert (result.matched, result.exact, result.narrative_inside) == (1, 0, 1)


def test_a_half_claim_does_not_match():
    ali = _Speaker(1, "علی احمد")
    result = score(_doc([CLAIM]), [_found("امن ضروری ہے", ali)], [])
    assert (result.matched, result.spurious) == (0, 1)


def test_a_speaker_who_is_no_gold_speaker_is_junk():
    office = _Speaker(2, "وزیر خارجہ")
    result = score(_doc([CLAIM]), [_found(CLAIM["text"], office)], [])
    assert (result.matched, result.attributed, result.junk) == (1, 0, 1)


def test_the_participants_jointly_and_unnamed_officials():
    a, b = _Speaker(1, "علی احمد"), _Speaker(2, "جان سمتھ")
    group = _Speaker(3, "علی احمد و جان سمتھ", "group", members=[a, b])
    joint = {**CLAIM, "speaker": "participants", "speaker_type": "group"}
    assert score(_doc([joint]), [_found(CLAIM["text"], group)], [a, b]).attributed == 1
    assert score(_doc([joint]), [_found(CLAIM["text"], group)], [a]).attributed == 0
    sources = _Speaker(4, "سفارتی ذرائع", "group")
    unnamed = {**CLAIM, "speaker": "unnamed officials", "speaker_type": "unnamed"}
    assert score(_doc([unnamed]), [_found(CLAIM["text"], sources)], []).attributed == 1


def test_the_corpus_splits_into_development_and_held_out_files():
    assert evaluation.SPLITS["dev"] == range(1, 31)
    assert evaluation.SPLITS["held-out"] == range(31, 45)
    docs = evaluation.load_corpus(split="dev")
    assert docs and all(d.split == "dev" for d in docs)


@pytest.mark.django_db
def test_the_command_prints_the_figures_per_style_and_rolls_back():
    from statements.models import Meeting

    out = io.StringIO()
    call_command("evaluate_extraction", "--in-place", "--file", "1", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:6] == ["docs", "gold", "found", "prec", "recall", "exact"]
    assert any(line.startswith("  state-visit") for line in lines)
    assert any(line.startswith("dev (all)") for line in lines)
    assert "documents/s" in lines[-1]
    assert not Meeting.objects.exists()  # the run was rolled back
