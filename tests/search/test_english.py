"""English queries searched as Urdu through the bilingual glossary (statements/search/
english.py): the glossary itself, its loading and editing, and how a query is expanded
(multi-word terms, stemming, senses, mixed scripts, words of no entry, dropped renderings)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from statements.models import GlossaryTerm
from statements.search import SearchRequest, search, syntax
from statements.search import plan as planner
from statements.search.english import english_key, find, stem
from statements.search.glossary import load_glossary, read
from statements.search.request import SearchError
from statements.urdu import fold

pytestmark = pytest.mark.django_db


def run(q, **params):
    return search(SearchRequest.from_params({"q": q, **params}))


def searched(q):
    """{English words: [Urdu renderings]} of a query's plan."""
    plan = planner.build(syntax.parse(q))
    return {e.text: [r.urdu for r in e.renderings] for e in plan.english}


# --- the glossary as data ----------------------------------------------------------------------


def test_the_glossary_files_hold_five_thousand_entries_each_with_an_urdu_form():
    rows = read()
    assert len(rows) >= 5000
    assert all(r.english and r.urdu.strip("|") for r in rows)
    assert all(not any(f.isascii() for f in r.urdu.split("|")) for r in rows)
    assert len({r.domain for r in rows}) >= 10


def test_loaded_glossary_has_every_entry_and_no_entry_without_urdu(glossary):
    assert GlossaryTerm.objects.count() >= 5000
    assert not GlossaryTerm.objects.filter(urdu__regex=r"^[\s|]*$").exists()
    assert not GlossaryTerm.objects.filter(key="").exists()


def test_loading_again_changes_nothing_and_keeps_an_editors_change(glossary):
    out = io.StringIO()
    call_command("load_glossary", stdout=out)
    assert out.getvalue().strip() == "nothing to change"
    peace = GlossaryTerm.objects.get(domain="conflict", english="peace", sense="")
    peace.urdu = "امن|صلح|آشتی"
    peace.save()
    assert load_glossary() == {}  # the file did not change: the editor's value stays
    peace.refresh_from_db()
    assert peace.urdu == "امن|صلح|آشتی"


def test_an_entry_added_in_the_admin_is_used_by_the_search(glossary, seeded, client):
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-123456789")
    client.force_login(editor)
    assert run("foobarword").total == 0
    response = client.post(
        "/admin/statements/glossaryterm/add/",
        {
            "english": "foobarword",
            "sense": "",
            "domain": "editors",
            "urdu": "ایٹمی",
            "enabled": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    term = GlossaryTerm.objects.get(english="foobarword")
    assert term.edited_by == editor and term.key == "foobarword"
    result = run("foobarwords")  # stemmed like every entry
    assert result.total > 0
    assert all("ایٹمی" in " ".join(c.text.split()) for c in result.claims[:5])


def test_the_admin_refuses_an_entry_without_urdu(glossary, client):
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-123456789")
    client.force_login(editor)
    response = client.post(
        "/admin/statements/glossaryterm/add/",
        {"english": "nothing", "sense": "", "domain": "editors", "urdu": " | ", "enabled": "on"},
    )
    assert response.status_code == 200
    assert "Give at least one Urdu rendering" in response.content.decode()


def test_the_admin_searches_entries_by_english_and_by_folded_urdu(glossary, client):
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-123456789")
    client.force_login(editor)
    page = client.get("/admin/statements/glossaryterm/", {"q": "ceasefire"}).content.decode()
    assert "جنگ بندی" in page
    page = client.get("/admin/statements/glossaryterm/", {"q": "جنگ بندي"}).content.decode()
    assert "ceasefire" in page  # Arabic yeh typed, Urdu yeh stored
    page = client.get("/admin/statements/glossaryterm/", {"domain": "energy"}).content.decode()
    assert "energy" in page


# --- expansion ---------------------------------------------------------------------------------


def test_stemming_makes_inflected_english_one_key():
    assert stem("talks") == stem("talk")
    assert stem("condemned") == stem("condemns") == stem("condemn")
    assert english_key("Joint Statements") == english_key("joint statement")
    assert english_key("Pakistan's position") == english_key("pakistan position")


def test_the_longest_multi_word_term_comes_first(glossary):
    assert searched("nuclear deal") == {"nuclear deal": searched("nuclear deal")["nuclear deal"]}
    assert "جوہری معاہدہ" in searched("nuclear deal")["nuclear deal"]
    got = searched("joint statement on trade")
    assert set(got) == {"joint statement", "trade"}  # "on" is a function word
    assert "مشترکہ اعلامیہ" in got["joint statement"]


def test_inflected_english_finds_the_same_entries(glossary):
    assert searched("talks")["talks"] == searched("talk")["talk"]
    assert searched("condemned")["condemned"] == searched("condemn")["condemn"]


def test_a_word_of_several_senses_gives_all_unless_another_word_picks_one(glossary):
    every = set(searched("power")["power"])
    assert {"بجلی", "طاقت"} <= every
    picked = set(searched("power electricity")["power"])
    assert "بجلی" in picked and "طاقت" not in picked


def test_a_dropped_rendering_is_not_searched(glossary):
    found = find([("ceasefire",)], frozenset({" ".join(syntax.words("سیز فائر"))}))
    _, ceasefire = found.matches[0]
    assert "سیز فائر" not in [r.urdu for r in ceasefire.renderings]
    assert "جنگ بندی" in [r.urdu for r in ceasefire.renderings]
    assert [r.urdu for r in ceasefire.dropped] == ["سیز فائر"]


def test_mixed_scripts_keep_names_and_expand_words(glossary, seeded):
    for q in ("Putin cooperation", "پیوٹن cooperation"):
        result = run(q)
        assert [n.text for n in result.names] == [q.split()[0].lower()]
        assert [e.text for e in result.plan.english] == ["cooperation"]
        assert result.total > 0
        assert all("تعاون" in c.text for c in result.claims)


def test_english_words_are_names_only_through_aliases_not_by_sound(glossary):
    plan = planner.build(syntax.parse("peace talks"))
    assert not plan.names


def test_a_word_not_in_the_glossary_is_left_out_and_the_page_says_so(glossary, seeded, client):
    result = run("cooperation zzyzx")
    assert result.total == run("cooperation").total > 0
    assert result.plan.english_unknown == ["zzyzx"]
    assert "zzyzx: not in the glossary" in result.message
    page = client.get("/", {"q": "cooperation zzyzx"})
    assert page.status_code == 200
    assert "zzyzx" in page.content.decode()


def test_only_unknown_english_finds_nothing_and_does_not_fail(glossary, seeded):
    result = run("zzyzx qwxv")
    assert result.total == 0


def test_the_english_query_ranks_as_the_urdu_query_it_became(glossary, seeded):
    english = run("cooperation")
    urdu = run(" or ".join(e.urdu_query() for e in english.plan.english))
    assert [c.pk for c in english.claims] == [c.pk for c in urdu.claims]


def test_without_is_canonical_and_bounded():
    request = SearchRequest.from_params({"q": "peace", "without": ["صلح", "صلح", "امن"]})
    assert request.without == tuple(sorted({"صلح", "امن"}))
    assert request.to_params()["without"] == list(request.without)
    assert "without" not in SearchRequest.from_params({"without": ["صلح"]}).to_params()
    with pytest.raises(SearchError):
        SearchRequest.from_params({"q": "peace", "without": [f"ا{i}" for i in range(100)]})


# --- the page and the API ----------------------------------------------------------------------


def test_the_page_says_what_english_was_searched_as_and_offers_to_drop_a_rendering(
    glossary, seeded, client
):
    import html as htmllib
    import re

    from statements.models import Claim

    Claim.objects.filter(text__contains="تعاون").update(translation_en="We cooperate.")
    html = client.get("/", {"q": "cooperation"}).content.decode()
    assert "cooperation</span> →" in html
    assert 'lang="ur" dir="rtl">تعاون</a>' in html
    drop = htmllib.unescape(
        re.search(r'<a class="rendering" href="([^"]+)"[^>]*>اشتراک</a>', html).group(1)
    )
    assert "without=" in drop and "q=cooperation" in drop
    assert 'class="glosses"' in html and "(cooperation)" in html
    assert "We cooperate." in html
    dropped = client.get("/" + drop).content.decode()
    assert "<s>اشتراک</s>" in dropped
    assert not re.search(r'<a class="rendering" [^>]*>اشتراک</a>', dropped)
    back = htmllib.unescape(re.search(r'<a href="([^"]+)"[^>]*><s>اشتراک</s>', dropped).group(1))
    assert "without" not in back


def test_the_api_says_what_english_was_searched_as(glossary, seeded, client):
    body = client.get("/api/v1/claims", {"q": "cooperation zzyzx", "without": "اشتراک"}).json()
    assert body["english"][0]["english"] == "cooperation"
    assert "تعاون" in body["english"][0]["searched_as"]
    assert body["english"][0]["left_out"] == ["اشتراک"]
    assert body["not_in_glossary"] == ["zzyzx"]
    assert (
        body["results"]
        and {"urdu": "تعاون", "english": "cooperation"} in body["results"][0]["glosses"]
    )
    assert (
        client.get(
            "/api/v1/claims", {"q": "x", "without": ["ا"] * 0 + [f"ب{i}" for i in range(50)]}
        ).status_code
        == 400
    )


def test_a_light_verb_rendering_matches_every_form_of_its_verb(glossary, seeded):
    """`urge` is تاکید کرنا in the glossary; the seed says تاکید کرتے: the noun + any form of
    کرنا matches, and the verb's forms are neither marked nor ranked (they are in every text)."""
    result = run("urge")
    assert result.total > 0
    assert any("تاکید کرتے" in c.text for c in result.claims)
    assert "کیا" not in result.plan.terms and "کرتے" not in result.plan.terms


def test_function_words_alone_are_never_a_glossary_term(glossary):
    """`its` stems to `it`, which the glossary holds as "IT" (information technology)."""
    assert "its" not in searched("condemn terrorism in all its forms")


def test_a_negated_english_word_leaves_out_every_rendering(glossary, seeded):
    """`-war` excludes جنگ and every other rendering of "war", and is not "searched as"."""
    every = run("Syria")
    renderings = searched("war")["war"]
    held = [c for c in every.claims if any(fold(r) in fold(c.text) for r in renderings)]
    without = run("Syria -war")
    assert held and without.total < every.total
    assert not {c.pk for c in held} & {c.pk for c in without.claims}
    assert without.plan.english == []


# --- too few claims with every item: the widening keeps names and terms whole ------------------


def test_a_rendering_phrase_keeps_function_words_as_distance_and_drops_a_final_light_verb():
    """تشویش کا اظہار کرنا: کا keeps its place as a distance (no lexeme: it is in most rows),
    and the closing کرنا goes (copy writes it in any form, or not at all)."""
    words = tuple(syntax.words("تشویش کا اظہار کرنا"))
    slots = [[words[0]], [fold("کا"), fold("کی")], [words[2], words[2] + "ات"], [words[3]]]
    phrase = planner._rendering_phrase(words, slots)
    assert phrase == f"'{words[0]}' <2> (('{words[2]}') | ('{words[2]}ات'))"
    assert planner._rendering_phrase(words[:2], slots[:2]).startswith(f"'{words[0]}'")
    only = tuple(syntax.words("کا کی"))  # function words alone stay an exact phrase
    assert planner._rendering_phrase(only, [[only[0]], [only[1]]]) == f"'{only[0]}' <-> '{only[1]}'"


def test_a_multi_word_term_searches_its_words_apart_only_as_a_fallback(glossary):
    plan = planner.build(syntax.parse("nuclear deal"))
    (part,) = plan.parts
    assert part.label == '"nuclear deal"' and part.apart and part.apart != part.text
    assert plan.text == f"({part.text})" and plan.text_apart == f"({part.apart})"


def test_no_claim_with_every_item_keeps_names_and_terms_whole_and_ranks_more_items_first(
    glossary, seeded
):
    result = run("Vladimir Putin nuclear deal terrorism")
    assert "some of them" in result.message
    assert result.corrected_query == '"vladimir putin" or "nuclear deal" or terrorism'
    ranks = [c.rank for c in result.claims]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] >= 2 > ranks[-1]
    assert "vladimir putin" in [n.text for n in result.names]


def test_too_few_claims_with_every_item_widen_to_all_but_one(glossary, seeded):
    exact = planner.build(syntax.parse("Putin Syria nuclear deal"))
    assert len(exact.parts) == 3
    result = run("Putin Syria nuclear deal")
    assert result.notices[-1].kind == "most_words" and result.total >= 3
    assert all(c.rank >= 2 for c in result.claims)  # two of the three items, at least


def test_an_urdu_query_widens_the_same_way(glossary, seeded):
    result = run("پیوٹن دہشتگردی ایٹمی امریکہ")
    assert "some of them" in result.message
    assert "پیوٹن" in [n.text for n in result.names]
    assert result.claims[0].rank >= 2


def test_a_topic_named_by_a_glossary_term_also_finds_the_terms_words(glossary, seeded):
    """`nuclear` names the topic "Nuclear issue" (an alias) and is a glossary term: it finds the
    topic's claims and every claim saying one of the term's renderings, not the topic alone."""
    from statements.models import Alias, Topic

    topic = Topic.objects.get(aliases__normalized="nuclear")
    assert Alias.objects.filter(topic=topic, normalized="nuclear").exists()
    assert "nuclear" in searched("nuclear")  # the page says what it was searched as
    ids = lambda q: {c.pk for c in run(q).claims}  # noqa: E731
    found = ids("nuclear")
    for rendering in ("ایٹمی", "جوہری"):
        assert ids(rendering) <= found, rendering
    assert {c.pk for c in topic.claims.all()} <= found
