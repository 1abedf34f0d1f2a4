"""Relevance over the seed: realistic queries, each with the claims (by their opening words) it
must return in its top results and those it must not return. Written by reading the text."""

import datetime

import pytest

from statements.ingest.service import ingest_document
from statements.models import Passage
from statements.search import SearchRequest, search

pytestmark = pytest.mark.django_db

TOP = 12

# (query, extra parameters, claims that must be in the top results, claims that must not appear)
CASES = [
    # Typos of the seed itself found by the correct spelling (and the response says so).
    ("نظر", {}, ["یہ مسئلہ ایک نتیجے", "شام کے صدر بشار اسد نے"], ["ایٹمی معاملے میں"]),
    ("سیاسی", {}, ["ہم بھی اس بات کی تاکید", "شام کے صدر بشار اسد نے"], ["ایٹمی معاملے میں"]),
    ("خلاف", {}, ["ہم اس بات کے پابند"], ["ایٹمی معاملے میں"]),
    # Names typed in English or Roman Urdu, through the aliases.
    ("Syria", {}, ["شام کے سلسلے میں ماسکو", "ہم بھی اس بات کی تاکید"], ["ایٹمی معاملے میں"]),
    ("Putin", {}, ["اس ملاقات پر خوشی", "دوطرفہ تعلقات کو توسیع"], ["اقتصادی مسائل اور اس"]),
    ("Khamenei", {}, ["اقتصادی مسائل اور اس", "رہبر انقلاب اسلامی کے گراں"], ["اس ملاقات پر خوشی"]),
    ("Assad", {}, ["شام کے عوام کے منتخب", "شام کے صدر بشار اسد نے"], ["ایٹمی معاملے میں"]),
    ("America", {}, ["خطے کے بارے میں امریکہ", "امریکی ہمیشہ یہ کوشش"], ["ایٹمی معاملے میں"]),
    ("Russia", {}, ["ایٹمی معاملے میں روس", "روس اور ایران کے درمیان"], ["ہم اس بات کے پابند"]),
    ("Iran", {}, ["روس اور ایران کے درمیان", "اسلامی جمہوریہ کو ایک"], ["ایٹمی معاملے میں"]),
    ("ISIS", {}, ["داعش سمیت مختلف"], ["ایٹمی معاملے میں"]),
    ("Pyootan", {}, ["اس ملاقات پر خوشی"], ["خطے کے بارے میں امریکہ"]),
    # Word forms: endings and broken plurals.
    ("ملک", {}, ["اسلامی جمہوریہ کو ایک", "امریکہ اور اسکے پٹھو ممالک"], ["ایٹمی معاملے میں"]),
    ("ممالک", {}, ["اسلامی جمہوریہ کو ایک", "شام کے بارے میں دونوں"], ["ایٹمی معاملے میں"]),
    (
        "مسئلہ",
        {},
        ["یہ مسئلہ ایک نتیجے", "اقتصادی مسائل اور اس", "شام کے مسئلے کے درست"],
        ["ایٹمی معاملے میں"],
    ),
    ("قوم", {}, ["ہم بھی اس بات کی تاکید", "شام کے صدر بشار اسد نے"], ["ایٹمی معاملے میں"]),
    ("موقف", {}, ["امریکہ اور اسکے پٹھو ممالک", "شام کے بارے میں دونوں"], ["ایٹمی معاملے میں"]),
    ("ہدف", {}, ["امریکہ اور اسکے پٹھو ممالک", "جس طرح آپ نے فرمایا"], ["ایٹمی معاملے میں"]),
    (
        "دہشتگرد",
        {},
        ["داعش سمیت مختلف", "دہشتگردوں کی مدد", "شام میں موجود دہشتگردوں"],
        ["ایٹمی معاملے میں"],
    ),
    # Joined and spaced compounds.
    ("دو طرفہ", {}, ["دوطرفہ تعلقات کو توسیع", "روس اور ایران کے درمیان"], ["ایٹمی معاملے میں"]),
    ("دوطرفہ", {}, ["روس اور ایران کے درمیان", "آج شام روس کے صدر"], ["ایٹمی معاملے میں"]),
    ("اس کے اقدامات", {}, ["یہ مسئلہ ایک نتیجے"], ["ایٹمی معاملے میں"]),
    # Arabic code points, diacritics, tatweel, zero-width characters.
    ("ايران", {}, ["روس اور ایران کے درمیان"], ["ایٹمی معاملے میں"]),  # Arabic yeh
    ("اِیران", {}, ["روس اور ایران کے درمیان"], ["ایٹمی معاملے میں"]),  # zer
    ("ایـــران", {}, ["روس اور ایران کے درمیان"], ["ایٹمی معاملے میں"]),  # tatweel
    (
        "اعلی حکام",
        {},
        ["دوطرفہ تعلقات کو توسیع"],
        ["ایٹمی معاملے میں"],
    ),  # superscript alef left out
    ("امريكي كوشش", {}, ["امریکی ہمیشہ یہ کوشش"], ["اقتصادی مسائل اور اس"]),  # Arabic yeh and kaf
    ("مسئله", {}, ["یہ مسئلہ ایک نتیجے"], ["ایٹمی معاملے میں"]),  # Arabic heh
    # Syntax: phrases, or, exclusion, prefix; function words out of the query.
    ('"روس کے صدر"', {}, ["سیاست اور امن و"], ["ایٹمی معاملے میں روس"]),
    ('"آج شام"', {}, ["آج شام روس کے صدر"], ["شام کے سلسلے میں ماسکو"]),
    ("امریکہ -شام", {}, ["خطے کے بارے میں امریکہ"], ["امریکہ اور اسکے پٹھو ممالک"]),
    ("داعش or ایرواسپیس", {}, ["داعش سمیت مختلف", "روس اور ایران کے درمیان"], ["ایٹمی معاملے میں"]),
    ("دہشت*", {}, ["داعش سمیت مختلف", "شام میں موجود دہشتگردوں"], ["ایٹمی معاملے میں"]),
    ("امریکہ کے بارے میں", {}, ["خطے کے بارے میں امریکہ"], ["شام کے بارے میں کوئی"]),
    ("تہران ماسکو", {}, ["سیاست اور امن و", "شام کے بحران کے حل"], ["شام کے سلسلے میں ماسکو"]),
    ("بشار اسد", {}, ["شام کے عوام کے منتخب", "شام کے صدر بشار اسد نے"], ["ایٹمی معاملے میں"]),
    # Filters.
    ("شام", {"speaker": "vladimir-putin"}, ["شام کے بحران کے حل"], ["شام کے سلسلے میں ماسکو"]),
    ("امریکہ", {"topic": "syria"}, ["امریکہ اور اسکے پٹھو ممالک"], ["خطے کے بارے میں امریکہ"]),
    ("شام", {"review_status": "needs_review"}, ["جس طرح آپ نے فرمایا"], ["شام کے بحران کے حل"]),
    ("تعاون", {"country": "RU"}, ["اس سلسلے میں کئے جانے"], ["اقتصادی مسائل اور اس"]),
]


# The same concept typed in its common forms must find the same claims: compounds joined and
# spaced (with their word forms), names in English and in their Urdu form.
SAME_CLAIMS = [
    ("دہشتگرد", "دہشت گرد"),
    ("دہشتگردوں", "دہشت گردوں"),
    ("دوطرفہ", "دو طرفہ"),
    ("Iran", "ایران"),
    ("Russia", "روس"),
    ("Putin", "پیوٹن"),
    ("America", "امریکہ"),
    ("Assad", "بشار اسد"),
]

# Queries the cascade corrects (near spellings, a name misspelt, the archive's own typos, no
# claim with every word): each must return exactly what searching its corrected words returns.
CORRECTED = ["پیوٹم", "صدر پیوٹم", "مزاکرات", "سیاسی", "ایرواسپیس داعش", "پیوٹم ایرواسپیس"]


def opening(text: str) -> str:
    return " ".join(text.split()[:5])


def run(q, params=None):
    return search(SearchRequest.from_params({"q": q, **(params or {})}))


def texts(result, n=TOP):
    """Claim texts with runs of spaces and line breaks as one space (the source breaks lines)."""
    return [" ".join(c.text.split()) for c in result.claims[:n]]


@pytest.mark.parametrize(("q", "params", "must", "must_not"), CASES, ids=[c[0] for c in CASES])
def test_query_returns_what_a_researcher_expects(seeded, q, params, must, must_not):
    result = run(q, params)
    top = texts(result)
    every = texts(result, None)
    for fragment in must:
        assert any(t.startswith(fragment) for t in top), (fragment, [opening(t) for t in top])
    for fragment in must_not:
        assert not any(t.startswith(fragment) for t in every), (fragment, result.message)


def ids(rows) -> list[int]:
    return [row.pk for row in rows]


@pytest.mark.parametrize(("one", "other"), SAME_CLAIMS, ids=[f"{a}={b}" for a, b in SAME_CLAIMS])
def test_the_same_concept_in_its_common_forms_finds_the_same_claims(seeded, one, other):
    first, second = run(one), run(other)
    assert first.total > 0
    assert sorted(ids(first.claims)) == sorted(ids(second.claims)), (one, other)


@pytest.mark.parametrize("q", CORRECTED)
def test_a_corrected_query_returns_exactly_what_its_corrected_words_return(seeded, q):
    result = run(q)
    assert result.corrected_query and result.corrected_query != q
    direct = run(result.corrected_query)
    assert ids(result.claims) == ids(direct.claims)
    assert ids(result.passages) == ids(direct.passages)
    assert result.facets == direct.facets


def test_a_word_found_only_inside_longer_words_says_so_and_offers_them(seeded):
    """دہشت ("terror") is in the seed only inside دہشتگرد and دہشتگردوں: no claim holds the
    word itself, and the result says where it occurs, with the search that finds those."""
    result = run("دہشت")
    assert result.total == 0
    notice = next(n for n in result.notices if n.kind == "inside_words")
    assert set(notice.words) == {"دہشتگرد", "دہشتگردوں"}
    assert notice.query == "دہشت*"
    assert sorted(ids(run(notice.query).claims)) == sorted(ids(run("دہشتگرد").claims))


@pytest.mark.parametrize(("q", "meant"), [("Puttin", "Putin"), ("Vladmir Putin", "Vladimir Putin")])
def test_a_misspelt_name_finds_the_person_it_sounds_like(seeded, q, meant):
    """Names are matched by how they sound across scripts (statements/speakers/translit.py):
    a misspelt English name finds what the name finds, and says whom it was taken to be."""
    result, intended = run(q), run(meant)
    assert intended.total > 0
    assert sorted(ids(result.claims)) == sorted(ids(intended.claims))
    assert [n.speakers for n in result.names] == [n.speakers for n in intended.names]


def test_english_words_that_name_nothing_suggest_the_urdu_spelling(seeded):
    result = run("negotiations")
    assert [n.kind for n in result.notices] == ["nothing", "latin_words"]
    assert result.notices[1].words == ("negotiations",)


def test_there_are_at_least_thirty_relevance_cases_each_with_something_it_must_not_return():
    """A search that returned every claim would fail every case."""
    assert len(CASES) >= 30
    assert all(must_not for _q, _p, _must, must_not in CASES)


@pytest.mark.parametrize(("q", "typo"), [("نظر", "نطر"), ("سیاسی", "سایسی"), ("خلاف", "خاف")])
def test_near_spellings_are_announced(seeded, q, typo):
    result = run(q)
    assert typo in result.corrected_query
    assert "showing results for" in result.message
    assert typo in result.terms
    assert "<mark>" + typo + "</mark>" in result.headline(result.claims[0].text + " " + typo)


def test_exact_spelling_does_not_announce_a_correction(seeded):
    assert run("امریکہ").corrected_query == ""


def test_syria_is_not_this_evening(seeded):
    """A passage that mentions شام only as "this evening" is not about Syria."""
    doc = (
        "2016 /Jan/ 12 - ماسکو میں ملاقات\n\n"
        "صدر پیوٹن نے آج شام ماسکو میں کہا کہ معیشت کی ترقی کے لئے سرمایہ کاری ضروری ہے۔\n"
    )
    ingest_document(doc, origin="test-evening.txt", publish=True)
    result = run("Syria")
    assert not any("معیشت" in p.text for p in result.passages)
    assert not any("معیشت" in c.text for c in result.claims)
    # The Urdu word itself still finds both senses: the researcher typed شام.
    assert any("معیشت" in p.text for p in run("شام").passages)
    assert any("معیشت" in c.text for c in run("Putin").claims)


def test_ranking_puts_the_densest_match_first(seeded):
    top = texts(run("بشار اسد"), 2)
    assert all("بشار اسد" in t for t in top)


def test_sort_by_date(seeded):
    ingest_document(
        "2017 /Mar/ 3 - تہران میں ملاقات\n\nصدر پیوٹن نے کہا کہ تہران اور ماسکو کا تعاون جاری ہے۔\n",
        origin="test-later.txt",
        publish=True,
    )
    newest = run("تعاون", {"sort": "-date"}).claims[0]
    oldest = run("تعاون", {"sort": "date"}).claims[0]
    assert newest.meeting.date == datetime.date(2017, 3, 3)
    assert oldest.meeting.date == datetime.date(2015, 11, 24)


def test_facets_count_the_filtered_result(seeded):
    result = run("شام")
    claims = list(result.claims)
    speakers = {f.value: f.count for f in result.facets["speaker"]}
    for speaker_id, count in speakers.items():
        assert count == sum(1 for c in claims if str(c.speaker_id) == speaker_id)
    assert sum(f.count for f in result.facets["year"]) == len(claims)
    topics = {f.value: f.count for f in result.facets["topic"]}
    syria = next(f for f in result.facets["topic"] if f.label == "Syria")
    assert topics[syria.value] == sum(
        1 for c in claims if c.topics.filter(pk=int(syria.value)).exists()
    )
    filtered = run("شام", {"speaker": "vladimir-putin"})
    assert [f.label for f in filtered.facets["speaker"]] == ["Vladimir Putin"]


def test_no_row_with_every_word_falls_back_to_any_word(seeded):
    result = run("ایرواسپیس داعش")  # never in one claim
    found = texts(result, None)
    assert any(t.startswith("داعش سمیت مختلف") for t in found)
    assert any(t.startswith("روس اور ایران کے درمیان") for t in found)
    assert "some of them" in result.message and "or" in result.corrected_query


def test_no_results_has_a_message(seeded):
    result = run("کمپیوٹرائزیشن")
    assert list(result.claims) == [] and list(result.passages) == []
    assert result.message


HOSTILE = [
    '"',
    '""',
    "'",
    "\\",
    "\\'",
    "&|!():*",
    "!!!",
    "a & b | !c",
    "'شام' & !'امریکہ'",
    "شام <-> امریکہ",
    "(((شام",
    "شام:*",
    "*",
    "-",
    "- -شام",
    "or",
    "شام or",
    "or or or",
    '"شام',
    "شام\x00امریکہ",
    "\x00",
    "\u200c\u200d\u0640",
    "\ufdfd\ufeff",
    "<script>alert(1)</script>",
    "%_%",
    "شام " * 3000,
    "ا" * 10240,
    "😀 ☃",
    "1 2 3 ۱۲",
    "SELECT * FROM statements_claim; --",
]


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_any_string_gives_results_or_a_message(seeded, q):
    result = run(q)
    claims = list(result.claims)
    passages = list(result.passages)
    assert claims or passages or result.message
    for c in claims[:3]:
        html = str(result.headline(c.text))
        assert "<script>" not in html


def test_highlight_escapes_and_marks_only_matches():
    from statements.search import highlight

    html = str(highlight('<b>x</b> شام & "اعلیٰ" حکام', ["اعلی", "شام"]))
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "<mark>اعلیٰ</mark>" in html
    assert html.count("<mark>") == 2


def test_a_claim_with_more_of_the_words_outranks_one_repeating_a_word(seeded):
    # ts_rank: each query word counts, a repeated word less each time (ts_rank_cd, counting
    # occurrences, would tie these two and let the date decide).
    ingest_document(
        "2018 /Feb/ 2 - ماسکو میں ملاقات\n\n"
        "صدر پیوٹن نے کہا کہ زراعت اور زراعت ہی معیشت کی بنیاد ہے۔\n\n"
        "صدر پیوٹن نے کہا کہ زراعت کے ساتھ آبپاشی بھی ضروری ہے۔\n",
        origin="test-rank.txt",
        publish=True,
    )
    found = texts(run("زراعت or آبپاشی"), 2)
    assert found[0].startswith("زراعت کے ساتھ آبپاشی"), found
    assert found[1].startswith("زراعت اور زراعت"), found


@pytest.mark.parametrize(
    "extra",
    [{"country": "RU"}, {"country": "SY"}, {"country": "IR"}, {"topic": "syria"}],
    ids=["RU", "SY", "IR", "topic"],
)
def test_filters_with_a_query_keep_what_the_filter_admits(seeded, extra):
    # Filters are probes of each row the query's index picks: they must admit exactly the
    # claims the filter alone admits, and the passages holding one of them.
    for q in ["شام", "Syria", "تعاون", "Putin"]:
        with_q = run(q, extra)
        matched = run(q)
        admitted = {c.pk for c in run("", extra).claims}
        assert {c.pk for c in with_q.claims} == {c.pk for c in matched.claims} & admitted, q
        holding = {p.pk for p in matched.passages if p.claims.filter(pk__in=admitted).exists()}
        assert {p.pk for p in with_q.passages} == holding, q


@pytest.mark.parametrize("q", ["", "شام", "Syria"])
def test_a_country_nobody_speaks_for_or_about_finds_nothing(seeded, client, q):
    # No speaker and no topic of this country: both sides of the filter are empty.
    result = run(q, {"country": "ZZ"})
    assert list(result.claims) == [] and list(result.passages) == [] and result.total == 0
    assert client.get("/", {"q": q, "country": "ZZ"}).status_code == 200
    assert client.get("/api/v1/claims", {"q": q, "country": "ZZ"}).json()["count"] == 0


def _narrative(passage) -> str:
    """The passage's text outside the claims it holds (rejected ones aside)."""
    text, pos, parts = passage.text, passage.start, []
    for claim in passage.claims.exclude(review_status="rejected").order_by("start"):
        parts.append(text[pos - passage.start : claim.start - passage.start])
        pos = max(pos, claim.end)
    parts.append(text[pos - passage.start :])
    return " ".join(parts)


@pytest.mark.parametrize("q", ["ملاقات", "تحفہ", "شکریہ", "تاکید", "نسخہ", "تعاون", "مسئلہ"])
def test_passages_are_those_whose_narrative_holds_the_query(seeded, q):
    """Claims are listed on their own: a passage is a result only for what its narrative (the
    text around its claims) holds, never for a claim listed again in its paragraph."""
    result = run(q)
    found = {p.pk for p in result.passages}
    for passage in Passage.objects.public():
        narrative_matches = "<mark>" in str(result.headline(_narrative(passage)))
        assert (passage.pk in found) == narrative_matches, (q, passage.position)


@pytest.mark.parametrize("q", ["Putin", "شام", "Syria", "روس", "Khamenei"])
def test_a_name_finds_passages_by_their_narrative_only(seeded, q):
    result = run(q)
    for passage in result.passages:
        assert "<mark>" in str(result.headline(_narrative(passage))), (q, passage.position)


def test_the_narrative_is_checked_in_the_best_matching_paragraphs(seeded, monkeypatch):
    """The narrative is built per row, so only the NARRATIVE_CAP best-matching paragraphs are
    checked; the result says when more matched."""
    from statements.search import engine

    every = run("ملاقات")
    assert len(every.passages) >= 2 and not every.narrative_capped
    monkeypatch.setattr(engine, "NARRATIVE_CAP", 2)
    capped = run("ملاقات")
    assert capped.narrative_capped
    best = list(capped.matched_passages.order_by("-rank", "-pk")[:2])
    assert {p.pk for p in capped.passages} <= {p.pk for p in best}
    assert {p.pk for p in capped.passages} <= {p.pk for p in every.passages}
