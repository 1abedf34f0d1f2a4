"""A search downloaded whole (GET /api/v1/claims/download): every matching claim, in the order
of the API's pages, as CSV (UTF-8 with a BOM), NDJSON and JSON; a bad filter is a 400 before
any byte; rate-limited like the export."""

import csv
import io
import json
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.http import StreamingHttpResponse
from django.test import override_settings

from statements.api import download
from statements.api.schemas import SearchDownload
from statements.models import Claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(seeded):
    """The seed and 6,000 synthetic claims, published."""
    call_command("make_corpus", claims=6000, seed=7, publish=True, stdout=io.StringIO())


def fetch(client, query: str) -> bytes:
    response = client.get(f"/api/v1/claims/download?{query}")
    assert response.status_code == 200, response.content
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content)


def api_pages(client, query: str) -> list[dict]:
    """Every result of /api/v1/claims for `query`, page after page."""
    url, results = f"/api/v1/claims?{query}&page_size=100", []
    while url:
        body = client.get(url).json()
        results += body["results"]
        url = body["next"]
    return results


def common_words() -> str:
    """Four of the synthetic corpus's commonest content words, or-ed: thousands of claims."""
    from django.db import connection

    from statements.search.syntax import FUNCTION_WORDS

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM search_vocabulary WHERE length(word) >= 3 AND word !~ '[0-9]' "
            "ORDER BY ndoc DESC, word LIMIT 100"
        )
        words = [w for (w,) in cursor.fetchall() if w not in FUNCTION_WORDS]
    return " or ".join(words[:4])


def test_csv_and_ndjson_of_thousands_of_claims_equal_the_api_pages(client, corpus):
    query = urlencode({"q": common_words()})
    pages = api_pages(client, query)
    assert len(pages) > 2000
    raw = fetch(client, query + "&format=csv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == list(download.CSV_HEADER)
    assert [int(r["id"]) for r in rows] == [c["id"] for c in pages]
    lines = [json.loads(line) for line in fetch(client, query + "&format=ndjson").splitlines()]
    assert lines[0]["type"] == "search" and lines[0]["query"]["q"].count(" or ") == 3
    assert lines[-1] == {"type": "end", "count": len(pages)}
    claims = lines[1:-1]
    assert [c["id"] for c in claims] == [c["id"] for c in pages]
    for row, line, page in zip(rows, claims, pages, strict=True):
        assert row["permalink"] == line["url"] == page["url"]
        assert row["text"] == line["text"] == page["text"]
        assert row["date"] == line["date"] == page["meeting"]["date"]
        assert row["meeting"] == line["meeting"]["title"] == page["meeting"]["title"]
        assert row["speaker"] == line["speaker"]["name"] == page["speaker"]["name"]
        assert row["speaker_en"] == line["speaker"]["name_en"] == page["speaker"]["name_en"]
        assert row["kind"] == page["kind"] and row["review_status"] == page["review_status"]
        assert [t["id"] for t in line["topics"]] == [t["id"] for t in page["topics"]]
        assert row["topics"] == "; ".join(t["name"] for t in page["topics"])
        assert row["citation"] == line["citation"] and f"claim {page['id']}" in row["citation"]


def test_by_relevance_only_ids_and_keys_are_sorted(corpus):
    """The rows are read by id in the order of the sorted ids: the plan sorts the narrow rows
    once and never the whole rows (which spilled to disk at 75k matches)."""
    from django.db import connection

    from statements.search import SearchRequest, search

    claims = search(SearchRequest(q=common_words()), facets="none").claims
    sql, params = download.claims_query(claims)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0][0]["Plan"]
    assert plan["Node Type"] == "Nested Loop"
    sorts = []

    def walk(node):
        if node["Node Type"] in ("Sort", "Incremental Sort"):
            sorts.append(node)
        for child in node.get("Plans", []):
            walk(child)

    walk(plan)
    assert len(sorts) == 1 and sorts[0]["Plan Width"] < 100


def test_the_csv_citation_is_the_claim_pages(client, archive):
    from django.utils import timezone

    from statements.citations import chicago, claim_reference

    raw = fetch(client, "format=csv")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    claims = Claim.objects.select_related("meeting__source", "speaker").in_bulk(
        [int(r["id"]) for r in rows]
    )
    assert rows
    for row in rows:
        claim = claims[int(row["id"])]
        expected = chicago(claim_reference(claim, row["permalink"], timezone.localdate()))
        assert row["citation"] == expected and row["text"] == claim.text
        assert row["named_as"] == claim.subject_text


def test_a_filtered_search_by_date_downloads_in_date_order(client, corpus):
    query = "date_from=2005-01-01&date_to=2012-12-31&sort=date"
    pages = api_pages(client, query)
    document = json.loads(fetch(client, query + "&format=json"))
    SearchDownload.model_validate(document)
    assert document["count"] == len(pages) == len(document["claims"]) > 1000
    assert [c["id"] for c in document["claims"]] == [c["id"] for c in pages]
    dates = [c["date"] for c in document["claims"]]
    assert dates == sorted(dates) and dates[0] >= "2005-01-01" and dates[-1] <= "2012-12-31"


def test_only_public_claims_are_downloaded(client, archive):
    _, draft, rejected = archive
    lines = fetch(client, "format=ndjson").splitlines()
    ids = {json.loads(line)["id"] for line in lines[1:-1]}
    assert ids == set(Claim.objects.public().values_list("pk", flat=True))
    assert rejected.pk not in ids and not ids & set(draft.claims.values_list("pk", flat=True))


def test_the_claim_citation_is_the_claim_pages(client, archive):
    from django.utils import timezone

    from statements.citations import chicago, claim_reference

    published, _, _ = archive
    line = json.loads(fetch(client, f"format=ndjson&meeting={published.pk}").splitlines()[1])
    claim = Claim.objects.select_related("meeting__source", "speaker").get(pk=line["id"])
    expected = chicago(claim_reference(claim, line["url"], timezone.localdate()))
    assert line["citation"] == expected
    assert line["named_as"] == claim.subject_text


@pytest.mark.parametrize(
    "query,field",
    [
        ("date_from=2015-13-01", "date_from"),
        ("speaker=no-such-speaker", "speaker"),
        ("format=xlsx", "format"),
        ("country=Iran", "country"),
        ("colour=red", "colour"),
    ],
)
def test_a_bad_filter_is_a_400_before_any_byte(client, archive, query, field):
    response = client.get(f"/api/v1/claims/download?{query}")
    assert response.status_code == 400 and not response.streaming
    body = response.json()
    assert body["field"] == field and body["error"]


@override_settings(RATE_LIMITS={"search": (100, 60), "export": (1, 60)})
def test_downloads_are_rate_limited_like_the_export(client, archive):
    b"".join(client.get("/api/v1/claims/download?q=شام").streaming_content)
    response = client.get("/api/v1/claims/download?q=ایران")
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1


def test_the_page_offers_the_download_with_its_url_state(client, archive):
    html = client.get("/?q=شام&sort=date&country=IR").content.decode()
    for fmt in ("csv", "ndjson", "json"):
        url = f"/api/v1/claims/download?q=%D8%B4%D8%A7%D9%85&amp;country=IR&amp;sort=date&amp;format={fmt}"
        assert url in html
    assert 'id="download-links"' in html


def test_the_download_is_in_the_openapi_description(client):
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/claims/download"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "speaker", "topic", "country", "date_from", "format"} <= names
    assert {"text/csv", "application/x-ndjson", "application/json"} <= set(
        operation["responses"]["200"]["content"]
    )
