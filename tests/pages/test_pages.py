"""The researchers' pages through Django's test client: what they show, and that nothing a user
can type into a URL gives a 500. The browser tests (tests/browser/) check the rest in Chromium."""

import io
import re
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.core.management import call_command

from statements.models import Claim, Meeting, Speaker, Topic
from tests.seed_gold import SEED_NEEDS_REVIEW

# WhiteNoise warns that STATIC_ROOT does not exist: these tests serve no collected files.
pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
ATOM = "{http://www.w3.org/2005/Atom}"
MEETING_URL = "/meetings/2015-11-24-ali-khamenei-vladimir-putin/"


@pytest.fixture
def hostile(seeded, tmp_path):
    """A published meeting whose title and claim carry HTML and <script>."""
    doc = tmp_path / "hostile.txt"
    doc.write_text(
        '2016 /Jan/ 5 - پیوٹن کی <b>ملاقات</b> <script>alert("title")</script>\n\n'
        'روس کے صدر ولادیمیر پیوٹن نے کہا کہ <script>alert("claim")</script> امریکہ کی '
        "پالیسی <img src=x onerror=alert(2)> ناکام ہے۔\n",
        encoding="utf-8",
    )
    call_command("ingest", str(doc), stdout=io.StringIO())
    return Meeting.objects.get(source__origin="hostile.txt")


def test_search_page_shows_marked_claims_with_speaker_meeting_and_date(client, seeded):
    response = client.get("/", {"q": "روس"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>روس</mark>" in html
    claim = response.context["page"].object_list[0]
    assert claim.speaker.get_absolute_url() in html
    # "In context" opens the meeting at the claim, with the searched word marked there.
    assert f"{claim.meeting.get_absolute_url()}?q=%D8%B1%D9%88%D8%B3#claim-{claim.pk}" in html
    assert "2015-11-24" in html
    # A name's narrative passages come after the first response (a script fetches them)...
    assert response.context["passages_pending"] and 'data-fragment-src="?q=' in html
    narrative = client.get("/", {"q": "روس", "fragment": "passages"})
    assert narrative.context["passage_count"] > 0
    assert 'class="narrative-section"' in narrative.content.decode()
    # ... and without scripts, "show it now" has them in the page itself.
    assert client.get("/", {"q": "روس", "passages": "show"}).context["passage_count"] > 0
    assert 'href="/api/v1/claims?q=' in html
    assert 'href="/feeds/search?q=' in html


def test_needs_review_claims_are_marked_in_results(client, seeded):
    response = client.get("/", {"review_status": "needs_review"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == SEED_NEEDS_REVIEW
    assert 'class="review-flag"' in response.content.decode()


def test_facet_links_add_and_remove_their_filter(client, seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    response = client.get("/", {"q": "روس"})
    speaker_group = next(g for g in response.context["facet_groups"] if g["name"] == "speaker")
    item = next(i for i in speaker_group["items"] if i["label"] == putin.name_en)
    assert not item["selected"] and f"speaker={putin.pk}" in item["url"]
    narrowed = client.get("/" + item["url"])
    claims = narrowed.context["result"].claims
    assert claims.count() == item["count"]
    assert set(claims.values_list("speaker", flat=True)) == {putin.pk}
    group = next(g for g in narrowed.context["facet_groups"] if g["name"] == "speaker")
    chosen = next(i for i in group["items"] if i["selected"])
    assert "speaker=" not in chosen["url"]


def test_a_speaker_given_by_slug_is_the_same_filter_as_by_id(client, seeded):
    by_slug = client.get("/", {"speaker": "vladimir-putin"})
    by_id = client.get("/", {"speaker": Speaker.objects.get(slug="vladimir-putin").pk})
    assert by_slug.context["page"].paginator.count == by_id.context["page"].paginator.count > 0


def test_year_facet_is_a_date_range(client, seeded):
    response = client.get("/")
    year = next(g for g in response.context["facet_groups"] if g["name"] == "year")["items"][0]
    assert "date_from=2015-01-01" in year["url"] and "date_to=2015-12-31" in year["url"]
    assert client.get("/" + year["url"]).context["page"].paginator.count == year["count"]


def test_pagination_keeps_the_search_in_the_url(client, seeded):
    first = client.get("/")
    assert first.context["page"].paginator.num_pages == 2
    next_url = first.context["page_urls"]["next"]
    second = client.get("/" + next_url)
    assert second.context["page"].number == 2
    ids = {c[0].pk for c in first.context["claims"]} | {c[0].pk for c in second.context["claims"]}
    assert len(ids) == Claim.objects.public().count()


def test_no_results_say_so(client, seeded):
    response = client.get("/", {"q": "کمپیوٹرزززز"})
    assert response.status_code == 200
    assert 'class="notice no-results"' in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "q=" + "ب" * 600,
        "q=%00%00",
        'q="""',
        "q=-",
        "q=or+or+-",
        "q=***",
        "q=%D9%8B%D9%8C",  # diacritics only
        "q=%F0%9F%92%A5",
        "q=%ff%fe",
        "page=abc",
        "page=-1",
        "page=0",
        "page=99999999999999999999999999",
        "page=1e9",
        "sort=; DROP TABLE statements_claim",
        "speaker=../../etc/passwd",
        "speaker=99999999999999999999999",
        "speaker=-1",
        "topic=%00",
        "meeting=1",
        "country=XXX",
        "country=%D8%B4",
        "date_from=2015-13-45",
        "date_to=yesterday",
        "date_from=9999-12-31&date_to=0001-01-01",
        "review_status=rejected",
        "q=%D8%B4%D8%A7%D9%85&speaker=1&speaker=1&topic=syria&country=sy&page=2",
    ],
)
def test_hostile_and_nonsense_query_strings_never_give_a_500(client, seeded, params):
    for path in ("/", "/speakers/vladimir-putin/", "/topics/syria/", "/feeds/search"):
        response = client.get(f"{path}?{params}")
        assert response.status_code in (200, 400), (path, params, response.status_code)
        body = response.content.decode()
        assert "<script>alert" not in body
        if response.status_code == 400 and path != "/feeds/search":
            assert 'role="alert"' in body


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/no-such-meeting/",
        "/meetings/%3Cscript%3E/",
        "/meetings/" + "a" * 400 + "/",
        "/speakers/%00/",
        "/speakers/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
        "/speakers/" + quote("پیوٹن") + "/",
        "/topics/..%2F..%2F/",
        "/topics/" + "x" * 1000 + "/",
        "/meetings/1/",
        "/nothing/here",
    ],
)
def test_unknown_slugs_are_a_404_page(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<script>alert" not in response.content.decode()


def test_draft_meetings_and_their_claims_are_not_visible(client, seeded, tmp_path):
    doc = tmp_path / "draft.txt"
    doc.write_text(
        "2017 /Mar/ 1 - مسودہ ملاقات\n\nروس کے صدر ولادیمیر پیوٹن نے کہا کہ مسودہ بیان یہاں ہے۔\n",
        encoding="utf-8",
    )
    call_command("ingest", str(doc), "--draft", stdout=io.StringIO())
    draft = Meeting.objects.get(source__origin="draft.txt")
    assert draft.status == Meeting.Status.DRAFT and draft.claims.exists()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/", {"q": "مسودہ"}).context["page"].paginator.count == 0
    assert client.get("/", {"meeting": draft.slug}).status_code == 400
    feed = client.get("/feeds/meetings").content.decode()
    assert draft.slug not in feed


def test_a_speaker_only_in_drafts_is_not_shown(client, seeded, tmp_path):
    doc = tmp_path / "draft.txt"
    doc.write_text(
        "2017 /Mar/ 1 - مسودہ ملاقات\n\nنامعلوم سفارت کار نے کہا کہ مسودہ بیان یہاں ہے۔\n",
        encoding="utf-8",
    )
    call_command("ingest", str(doc), "--draft", stdout=io.StringIO())
    hidden = Speaker.objects.get(name="نامعلوم سفارت کار")
    assert hidden.is_provisional and hidden.claims.exists()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/speakers/{hidden.pk}").status_code == 404


@pytest.mark.parametrize("kind", ["participant", "reference-only", "provisional-in-draft"])
def test_the_speaker_page_and_the_api_agree_on_who_is_public(client, seeded, tmp_path, kind):
    """One rule (`Speaker.objects.public()`) for the page, the API and the export."""
    if kind == "participant":
        speaker = Speaker.objects.get(slug="vladimir-putin")
        public = True
    elif kind == "reference-only":
        speaker = Speaker.objects.create(name="نامعلوم", name_en="Nobody", slug="nobody")
        public = True  # reference data, in no meeting yet: a record with no claims
    else:
        doc = tmp_path / "draft.txt"
        doc.write_text(
            "2017 /Mar/ 1 - مسودہ ملاقات\n\nگمنام مندوب نے کہا کہ مسودہ بیان یہاں ہے۔\n",
            encoding="utf-8",
        )
        call_command("ingest", str(doc), "--draft", stdout=io.StringIO())
        speaker = Speaker.objects.get(name="گمنام", role="مندوب")  # the role is no name
        public = False
    page = client.get(speaker.get_absolute_url()).status_code
    api = client.get(f"/api/v1/speakers/{speaker.pk}").status_code
    listed = any(
        s["id"] == speaker.pk
        for s in client.get("/api/v1/speakers", {"page_size": 100}).json()["results"]
    )
    assert (page, api, listed) == ((200, 200, True) if public else (404, 404, False))


def test_meeting_page_shows_the_whole_source_with_every_public_claim_anchored(client, seeded):
    response = client.get(MEETING_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for claim in Claim.objects.public().filter(meeting=seeded):
        assert f'id="claim-{claim.pk}"' in html
        assert f'aria-describedby="claim-{claim.pk}-who"' in html
    # The source, tags stripped and whitespace collapsed, is all there, in order.
    source = re.search(r'<div class="source-text[^>]*>(.*?)</div>', html, re.S).group(1)
    # Leave out what the page adds to the source: who said a claim, its description, the flag.
    source = re.sub(
        r'<span class="(claim-who|claim-speaker|flag)"[^>]*>.*?</span>', "", source, flags=re.S
    )
    shown = " ".join(re.sub(r"<[^>]+>", "", source).split())
    assert shown == " ".join(seeded.source.text.split())
    assert re.search(r'class="claim speaker-\d needs-review"', html)
    assert f'href="/api/v1/meetings/{seeded.pk}"' in html
    for p in seeded.participation_set.select_related("speaker"):
        assert p.speaker.get_absolute_url() in html


def test_claims_show_the_subject_as_the_source_named_it_beside_the_speaker(client, seeded):
    html = client.get(MEETING_URL).content.decode()
    assert "named in the source as" in html
    assert '<bdi lang="ur" dir="rtl">آپ</bdi>' in html  # "آپ نے فرمایا": the honorific "he"
    results = client.get("/", {"q": "شام"}).content.decode()
    assert "named in the source as" in results


def test_rejected_claims_are_not_shown(client, seeded):
    claim = Claim.objects.filter(meeting=seeded).first()
    Claim.objects.filter(pk=claim.pk).update(review_status=Claim.ReviewStatus.REJECTED)
    html = client.get(MEETING_URL).content.decode()
    assert f'id="claim-{claim.pk}"' not in html


def test_cite_this_gives_the_report_with_permalink_and_access_date(client, seeded):
    response = client.get(MEETING_URL)
    html = response.content.decode()
    today = response.context["accessed"]
    permalink = f"http://testserver{MEETING_URL}"
    assert f"Accessed {today:%B} {today.day}, {today.year}. {permalink}." in html
    assert f"@misc{{meeting-{seeded.slug}," in html
    assert f"url = {{{permalink}}}" in html and f"urldate = {{{today.isoformat()}}}" in html
    # each claim is cited on its own page, one link away
    claim = Claim.objects.public().filter(meeting=seeded).first()
    assert f'href="/claims/{claim.pk}/"' in html


def test_source_html_is_escaped_everywhere(client, hostile):
    for path in (hostile.get_absolute_url(), "/?q=پالیسی", "/speakers/vladimir-putin/"):
        html = client.get(path).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;alert(&quot;claim&quot;)&lt;/script&gt;" in html, path
    feed = client.get("/feeds/search", {"q": "پالیسی"}).content.decode()
    assert "<script>" not in feed
    # Titles are Atom text (escaped once); summaries are Atom html (escaped twice: shown as text).
    entry = ElementTree.fromstring(feed).find(f"{ATOM}entry")
    assert '<script>alert("claim")</script>' in entry.find(f"{ATOM}title").text
    assert "&lt;script&gt;alert(&quot;claim&quot;)" in entry.find(f"{ATOM}summary").text


def test_speaker_page_shows_names_role_country_meetings_and_searches_within(client, seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    response = client.get(putin.get_absolute_url())
    html = response.content.decode()
    for text in (putin.name, putin.name_en, putin.role_en, putin.country, seeded.title_en):
        assert text in html
    assert f'href="/api/v1/speakers/{putin.pk}"' in html
    assert f'href="/api/v1/claims?speaker={putin.pk}"' in html
    total = response.context["page"].paginator.count
    assert total == Claim.objects.public().filter(speaker=putin).count()
    within = client.get(putin.get_absolute_url(), {"q": "شام"})
    claims = within.context["result"].claims
    assert 0 < claims.count() < total
    assert set(claims.values_list("speaker", flat=True)) == {putin.pk}


def test_topic_page_lists_claims_that_mention_it(client, seeded):
    syria = Topic.objects.get(slug="syria")
    response = client.get(syria.get_absolute_url())
    assert response.status_code == 200
    expected = Claim.objects.public().filter(topics=syria).count()
    assert expected > 0 and response.context["page"].paginator.count == expected
    assert f'href="/api/v1/claims?topic={syria.pk}"' in response.content.decode()


def test_search_feed_is_atom_and_follows_the_query(client, seeded):
    response = client.get("/feeds/search", {"q": "روس"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    found = client.get("/", {"q": "روس"}).context["page"].paginator.count
    assert body.count("<entry>") == found > 0
    assert "/claims/" in body
    assert client.get("/feeds/search", {"speaker": "nobody-at-all"}).status_code == 400


def test_meetings_feed_lists_published_meetings(client, seeded):
    body = client.get("/feeds/meetings").content.decode()
    assert body.count("<entry>") == 1 and seeded.get_absolute_url() in body


def test_the_interface_is_translated_to_urdu(client, seeded):
    html = client.get("/ur/").content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert "بیانات میں تلاش" in html
    assert "Search the statements" in client.get("/").content.decode()


def test_the_favicon_is_served_and_every_page_names_it(client, seeded):
    """Browsers and feed readers ask for /favicon.ico on every visit: it was a 404."""
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age" in response["Cache-Control"]
    for path in ("/", MEETING_URL, "/ur/speakers/vladimir-putin/"):
        html = client.get(path).content.decode()
        assert re.search(
            r'<link rel="icon" href="/static/favicon\.svg" type="image/svg\+xml">', html
        )


def test_a_wikidata_id_links_to_wikidata(client, seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    assert putin.wikidata_id
    html = client.get(putin.get_absolute_url()).content.decode()
    assert f'<a href="https://www.wikidata.org/wiki/{putin.wikidata_id}"' in html
    syria = Topic.objects.get(slug="syria")
    html = client.get(syria.get_absolute_url()).content.decode()
    assert f'<a href="https://www.wikidata.org/wiki/{syria.wikidata_id}"' in html


@pytest.mark.parametrize("q", ["", "روس", "Putin", "تعاون"])
def test_every_facet_count_is_what_its_link_shows(client, seeded, q):
    """A facet's number is the number of claims its link then lists, for every facet."""
    response = client.get("/", {"q": q} if q else {})
    for group in response.context["facet_groups"]:
        for item in group["items"]:
            narrowed = client.get("/" + item["url"])
            assert narrowed.context["page"].paginator.count == item["count"], (
                q,
                group["name"],
                item["label"],
            )


def test_countries_are_named_not_coded(client, seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    page = client.get(putin.get_absolute_url()).content.decode()
    assert re.search(r"<dd>\s*Russia\s*</dd>", page), "the speaker's country by name"
    filtered = client.get("/", {"country": "RU"})
    assert [f["label"] for f in filtered.context["active_filters"]] == ["Russia"]
    urdu = client.get("/ur/", {"country": "RU"})
    assert [f["label"] for f in urdu.context["active_filters"]] == ["روس"]
    moscow = client.get("/topics/moscow/").content.decode()
    assert "Russia" in moscow and " · RU" not in moscow


def test_filters_do_not_reveal_speakers_that_exist_only_in_drafts(client, seeded, tmp_path):
    """A draft's provisional speaker is refused as a filter exactly as an id that does not
    exist: the same 400 and message, on the page and in the API, and its name is not shown."""
    doc = tmp_path / "draft.txt"
    doc.write_text(
        "2017 /Mar/ 1 - مسودہ ملاقات\n\nپوشیدہ مذاکرات کار نے کہا کہ مسودہ بیان یہاں ہے۔\n",
        encoding="utf-8",
    )
    call_command("ingest", str(doc), "--draft", stdout=io.StringIO())
    hidden = Speaker.objects.get(name="پوشیدہ مذاکرات کار")
    missing = Speaker.objects.order_by("-pk").first().pk + 1000
    page = client.get("/", {"speaker": hidden.pk})
    assert page.status_code == 400
    assert "پوشیدہ" not in page.content.decode()  # the id does not lead to the name
    for value in (hidden.pk, hidden.slug):
        assert client.get("/", {"speaker": value}).status_code == 400
        assert client.get("/api/v1/claims", {"speaker": value}).status_code == 400
    shown = client.get("/", {"speaker": hidden.pk}).context["error"]
    assert shown == client.get("/", {"speaker": missing}).context["error"].replace(
        str(missing), str(hidden.pk)
    )
    assert (
        client.get("/api/v1/claims", {"speaker": missing})
        .json()["error"]
        .replace(str(missing), str(hidden.pk))
        == client.get("/api/v1/claims", {"speaker": hidden.pk}).json()["error"]
    )


@pytest.mark.parametrize("path", ["/", "/feeds/search", "/speakers/vladimir-putin/"])
def test_search_pages_and_feed_are_rate_limited_like_the_api(client, seeded, settings, path):
    """Each search counts (distinct searches: a repeat is served from the response cache
    before any search runs, and is not counted)."""
    from django.core.cache import cache

    cache.clear()  # the counts of other tests' requests
    settings.RATE_LIMITS = {"search": (3, 60), "export": (1, 60)}
    for i in range(3):
        assert client.get(path, {"q": f"شام {i}"}).status_code == 200
    limited = client.get(path, {"q": "شام 3"})
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "too many search requests" in limited.content.decode()
    assert client.get(path, {"q": "شام 4"}, REMOTE_ADDR="10.0.0.9").status_code == 200
    # one budget for the pages, the feeds and the API: they cost the same
    assert client.get("/api/v1/claims", {"q": "شام 5"}).status_code == 429


def test_a_right_to_left_override_in_the_query_stays_inside_the_title(client, seeded):
    html = client.get("/", {"q": "\u202eشام"}).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "\u2068\u202eشام\u2069" in title  # isolated: the override ends with the query
