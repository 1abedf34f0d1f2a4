"""The JSON API, endpoint by endpoint: what a program gets, and every refusal as a JSON 4xx."""

import json

import pytest
from django.test import override_settings

from statements.models import Claim, Meeting, Speaker, Topic
from tests.api.conftest import PUBLIC_CLAIMS
from tests.seed_gold import SEED_NEEDS_REVIEW, SEED_PASSAGES

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response, json.loads(response.content) if response.content else None


# --- meetings ---------------------------------------------------------------------------------


def test_claims_carry_the_subject_as_named_and_a_confidence(client, archive):
    published, _, _ = archive
    _, body = get(client, f"/api/v1/meetings/{published.pk}")
    source = body["source"]["text"]
    for claim in body["claims"]:
        subject = claim["subject"]
        assert source[subject["start"] : subject["end"]] == subject["text"]
        assert 0 < claim["confidence"] <= 1
    first = body["claims"][0]
    assert first["subject"]["text"] == "رہبر انقلاب اسلامی حضرت آیت اللہ خامنہ ای"
    assert first["speaker"]["name_en"] == "Ali Khamenei"


def test_meetings_lists_only_published_meetings(client, archive):
    published, draft, _ = archive
    response, body = get(client, "/api/v1/meetings")
    assert response.status_code == 200
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    (item,) = body["results"]
    assert item["id"] == published.pk and item["date"] == "2015-11-24"
    assert item["title"] == published.title
    assert item["url"] == f"http://localhost{published.get_absolute_url()}"
    assert draft.pk not in [m["id"] for m in body["results"]]


def test_urdu_is_sent_as_characters_in_utf8(client, archive):
    response = client.get("/api/v1/meetings")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert archive[0].title.encode("utf-8") in response.content
    assert b"\\u06" not in response.content


def test_meeting_detail_has_participants_claims_passages_and_source(client, archive):
    published, _, rejected = archive
    response, body = get(client, f"/api/v1/meetings/{published.pk}")
    assert response.status_code == 200
    source = published.source
    assert body["source"] == {
        "text": source.text,
        "sha256": source.sha256,
        "origin": source.origin,
        "language": "ur",
        "version": source.version,
        # the report, as citations name it: its original URL is unknown
        "publisher": "دفتر رہبر انقلاب اسلامی (اردو سروس)",
        "publisher_en": "Office of the Leader of the Islamic Revolution (Urdu service)",
        "url": "",
        "published_on": "2015-11-24",
        "original_language": "",
    }
    names = {p["speaker"]["name_en"] for p in body["participants"]}
    assert {"Ali Khamenei", "Vladimir Putin"} <= names
    public = Claim.objects.public().filter(meeting=published)
    assert [c["id"] for c in body["claims"]] == list(
        public.order_by("start", "id").values_list("pk", flat=True)
    )
    assert rejected.pk not in [c["id"] for c in body["claims"]]
    assert len(body["passages"]) == published.passages.count() == SEED_PASSAGES
    for claim in body["claims"]:
        assert source.text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["url"] == f"http://localhost/claims/{claim['id']}/"  # the claim's page
    for passage in body["passages"]:
        assert source.text[passage["start"] : passage["end"]] == passage["text"]


def test_draft_meeting_is_a_json_404(client, archive):
    _, draft, _ = archive
    response, body = get(client, f"/api/v1/meetings/{draft.pk}")
    assert response.status_code == 404
    assert body == {"error": "not found", "field": None}


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/meetings/abc", "id"),
        ("/api/v1/meetings/0", "id"),
        (f"/api/v1/meetings/{2**63}", "id"),
        ("/api/v1/speakers/-1", "id"),
    ],
)
def test_malformed_or_impossible_ids_are_400(client, archive, url, field):
    response, body = get(client, url)
    assert response.status_code == 400
    assert body["field"] == field and body["error"]


def test_unknown_ids_and_paths_are_json_404(client, archive):
    for url in ("/api/v1/meetings/999999", "/api/v1/speakers/999999", "/api/v1/nothing-here"):
        response, body = get(client, url)
        assert response.status_code == 404, url
        assert body["error"]


# --- speakers ---------------------------------------------------------------------------------


def test_speakers_hide_a_provisional_speaker_of_a_draft(client, archive):
    _, draft, _ = archive
    hidden = Speaker.objects.filter(is_provisional=True, claims__meeting=draft).first()
    assert hidden is not None  # the draft's unknown subject made one
    _, body = get(client, "/api/v1/speakers?page_size=100")
    ids = [s["id"] for s in body["results"]]
    assert hidden.pk not in ids
    assert body["count"] == len(ids) >= 2
    response, _ = get(client, f"/api/v1/speakers/{hidden.pk}")
    assert response.status_code == 404


def test_speaker_detail_has_every_alias(client, archive):
    putin = Speaker.objects.get(slug="vladimir-putin")
    response, body = get(client, f"/api/v1/speakers/{putin.pk}")
    assert response.status_code == 200
    assert body["name"] == putin.name and body["name_en"] == "Vladimir Putin"
    assert body["role"] == putin.role and body["country"] == "RU"
    texts = {a["text"]: a["language"] for a in body["aliases"]}
    assert texts == dict(putin.aliases.values_list("text", "language"))
    assert texts["صدر پیوٹن"] == "ur" and texts["Putin"] == "en"


def test_pagination_links_walk_the_whole_list(client, archive):
    seen, url = [], "/api/v1/speakers?page_size=1"
    while url:
        response, body = get(client, url)
        assert response.status_code == 200
        seen += [s["id"] for s in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == body["count"]
    _, last = get(client, f"/api/v1/speakers?page_size=1&page={body['count']}")
    assert last["previous"].endswith(f"page={body['count'] - 1}")


@pytest.mark.parametrize("endpoint", ["meetings", "speakers", "claims"])
@pytest.mark.parametrize(
    ("query", "field"),
    [("page=99", "page"), ("page_size=101", "page_size"), ("page_size=0", "page_size"),
     ("page=0", "page"), ("page=x", "page")],
)  # fmt: skip
def test_page_errors_are_400_naming_the_parameter(client, archive, endpoint, query, field):
    response, body = get(client, f"/api/v1/{endpoint}?{query}")
    assert response.status_code == 400
    assert body["field"] == field and body["error"]


# --- claims -----------------------------------------------------------------------------------


def test_claims_without_q_are_public_newest_first_without_rank(client, archive):
    _, _, rejected = archive
    _, body = get(client, "/api/v1/claims?page_size=100")
    assert body["count"] == Claim.objects.public().count() == PUBLIC_CLAIMS
    ids = [c["id"] for c in body["results"]]
    assert rejected.pk not in ids
    first = body["results"][0]
    assert set(first) == {
        "id", "text", "start", "end", "speaker", "subject", "confidence", "meeting", "kind",
        "topics", "review_status", "url", "rank", "headline", "matched_as", "glosses",
    }  # fmt: skip
    assert first["rank"] is None and first["headline"] is None and first["matched_as"] is None
    assert set(first["speaker"]) == {"id", "name", "name_en"}
    assert set(first["meeting"]) == {"id", "title", "date"}
    assert {c["review_status"] for c in body["results"]} <= {"extracted", "needs_review"}
    assert set(body["facets"]) >= {"speaker", "topic", "country", "year"}


def test_claims_with_q_carry_rank_headline_and_facets(client, archive):
    _, body = get(client, "/api/v1/claims?q=شام")
    assert body["count"] > 0
    for claim in body["results"]:
        assert claim["rank"] > 0
        assert "<mark>" in claim["headline"]
    ranks = [c["rank"] for c in body["results"]]
    assert ranks == sorted(ranks, reverse=True)
    speaker_facets = body["facets"]["speaker"]
    assert sum(f["count"] for f in speaker_facets) == body["count"]


def test_claims_filter_by_speaker_id_or_slug(client, archive):
    putin = Speaker.objects.get(slug="vladimir-putin")
    _, by_id = get(client, f"/api/v1/claims?speaker={putin.pk}&page_size=100")
    _, by_slug = get(client, "/api/v1/claims?speaker=vladimir-putin&page_size=100")
    assert by_id["results"] == by_slug["results"] and by_id["count"] > 0
    assert {c["speaker"]["id"] for c in by_id["results"]} == {putin.pk}


def test_claims_filter_by_meeting_topic_and_country(client, archive):
    published, _, _ = archive
    _, body = get(client, f"/api/v1/claims?meeting={published.pk}&page_size=1")
    assert body["count"] == PUBLIC_CLAIMS
    topic = Topic.objects.filter(claims__isnull=False).distinct().first()
    _, body = get(client, f"/api/v1/claims?topic={topic.slug}&page_size=100")
    assert body["count"] == Claim.objects.public().filter(topics=topic).count() > 0
    assert all(topic.pk in [t["id"] for t in c["topics"]] for c in body["results"])
    _, ru = get(client, "/api/v1/claims?country=ru&page_size=100")
    assert ru["count"] > 0


def test_claims_filter_by_dates_and_review_status(client, archive):
    _, inside = get(client, "/api/v1/claims?date_from=2015-11-24&date_to=2015-11-24")
    _, after = get(client, "/api/v1/claims?date_from=2015-11-25")
    _, before = get(client, "/api/v1/claims?date_to=2015-11-23")
    assert inside["count"] == PUBLIC_CLAIMS and after["count"] == 0 and before["count"] == 0
    _, review = get(client, "/api/v1/claims?review_status=needs_review")
    assert review["count"] == SEED_NEEDS_REVIEW
    assert review["results"][0]["review_status"] == "needs_review"


def test_claims_sort_by_date_keeps_source_order_within_a_meeting(client, archive):
    _, body = get(client, "/api/v1/claims?sort=date&page_size=100")
    starts = [c["start"] for c in body["results"]]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("speaker=999999", "speaker"),
        ("speaker=nobody-at-all", "speaker"),
        ("meeting=999999", "meeting"),
        ("topic=999999", "topic"),
        ("country=Russia", "country"),
        ("date_from=2015-13-01", "date_from"),
        ("date_to=24/11/2015", "date_to"),
        ("review_status=rejected", "review_status"),
        ("sort=random", "sort"),
        ("q=" + "x" * 501, "q"),
        ("q=a%00b", "q"),
    ],
)
def test_claims_bad_parameters_are_400_naming_the_parameter(client, archive, query, field):
    response, body = get(client, f"/api/v1/claims?{query}")
    assert response.status_code == 400
    assert body["field"] == field and body["error"]


def test_draft_meeting_cannot_be_searched_into(client, archive):
    _, draft, _ = archive
    response, body = get(client, f"/api/v1/claims?meeting={draft.pk}")
    assert response.status_code == 400 and body["field"] == "meeting"


# --- HTTP manners: CORS, conditional requests, rate limit ---------------------------------------


def test_cors_is_open_for_get_and_preflight(client, archive):
    response = client.get("/api/v1/meetings", HTTP_ORIGIN="https://notebook.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/claims",
        HTTP_ORIGIN="https://notebook.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_etag_answers_304_until_the_meeting_changes(client, archive):
    published, _, _ = archive
    url = f"/api/v1/meetings/{published.pk}"
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag and first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    Meeting.objects.filter(pk=published.pk).update(title_en="Changed title")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_search_results_have_an_etag_too(client, archive):
    first = client.get("/api/v1/claims?q=شام")
    assert client.get("/api/v1/claims?q=شام", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@override_settings(RATE_LIMITS={"search": (3, 60), "export": (1, 60)})
def test_search_is_rate_limited_per_client_with_retry_after(client, archive):
    # distinct searches: a repeat is served from the response cache, uncounted
    for i in range(3):
        assert client.get(f"/api/v1/claims?q=x{i}").status_code == 200
    response, body = get(client, "/api/v1/claims?q=x3")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "too many search requests" in body["error"]
    other = client.get("/api/v1/claims?q=x4", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200  # another client has its own window
    assert client.get("/api/v1/meetings").status_code == 200  # browsing is not limited


@override_settings(RATE_LIMITS={"search": (3, 60), "export": (1, 60)})
def test_export_is_rate_limited(client, archive):
    first = client.get("/api/v1/export")
    b"".join(first.streaming_content)
    assert first.status_code == 200
    response = client.get("/api/v1/export")
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1


def test_head_is_get_without_the_body(client, archive):
    full = client.get("/api/v1/meetings")
    head = client.head("/api/v1/meetings")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == full["ETag"]
    assert head["Content-Length"] == str(len(full.content))
    export_head = client.head("/api/v1/export")
    assert export_head.status_code == 200 and b"".join(export_head.streaming_content) == b""


def test_review_status_may_be_comma_separated(client, archive):
    _, both = get(client, "/api/v1/claims?review_status=extracted,needs_review")
    _, repeated = get(client, "/api/v1/claims?review_status=extracted&review_status=needs_review")
    assert both["count"] == repeated["count"] == PUBLIC_CLAIMS


def test_wrong_method_is_405_not_500(client, archive):
    assert client.post("/api/v1/meetings").status_code == 405


# --- OpenAPI -----------------------------------------------------------------------------------


def test_openapi_describes_exactly_the_endpoints(client, archive):
    response, schema = get(client, "/api/v1/openapi.json")
    assert response.status_code == 200 and schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/meetings",
        "/api/v1/meetings/{id}",
        "/api/v1/speakers",
        "/api/v1/speakers/{id}",
        "/api/v1/claims/facets",
        "/api/v1/claims/download",
        "/api/v1/claims",
        "/api/v1/export",
    }
    params = {p["name"] for p in schema["paths"]["/api/v1/claims"]["get"]["parameters"]}
    assert params == {
        "q", "speaker", "meeting", "topic", "country", "date_from", "date_to",
        "review_status", "kind", "sort", "without", "count", "page", "page_size",
    }  # fmt: skip
    claims_responses = schema["paths"]["/api/v1/claims"]["get"]["responses"]
    assert {"200", "400", "429"} <= set(claims_responses)
    export_200 = schema["paths"]["/api/v1/export"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "application/x-ndjson"} <= set(export_200)


# --- unknown parameters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "query", "unknown"),
    [
        ("/api/v1/export", "q=%D8%B4%D8%A7%D9%85", ["q"]),
        ("/api/v1/export", "format=ndjson&speaker=3&since=2015", ["since", "speaker"]),
        ("/api/v1/claims", "q=x&sepaker=3", ["sepaker"]),
        ("/api/v1/meetings", "page=1&order=date", ["order"]),
        ("/api/v1/meetings/{meeting}", "claims=0", ["claims"]),
        ("/api/v1/speakers", "q=putin", ["q"]),
        ("/api/v1/speakers/{speaker}", "fields=name", ["fields"]),
    ],
)
def test_unknown_parameters_are_a_400_that_names_them(client, archive, path, query, unknown):
    """A parameter no endpoint reads was ignored: /export?q=... sent the whole archive."""
    path = path.format(meeting=archive[0].pk, speaker=Speaker.objects.first().pk)
    response, body = get(client, f"{path}?{query}")
    assert response.status_code == 400
    assert body["field"] == unknown[0]
    for name in unknown:
        assert name in body["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_known_parameters_still_pass(client, archive):
    for url in [
        "/api/v1/claims?q=x&page=1&page_size=5&sort=date&speaker=vladimir-putin",
        "/api/v1/meetings?page=1&page_size=5",
        "/api/v1/export?format=ndjson",
    ]:
        assert client.get(url).status_code == 200, url
