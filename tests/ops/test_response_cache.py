"""The response cache (archive/responsecache.py) and the cache it lives in (archive/pgcache.py):
anonymous GETs served again until the archive changes, never an editor's page, never a page
that set a cookie or used a CSRF token."""

import threading

import pytest
from django.core.cache import cache, caches
from django.db import close_old_connections
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from statements import editing
from statements.ingest.service import ingest_document
from statements.models import Claim, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_a_repeated_anonymous_page_is_served_from_the_cache_with_an_etag(client, seeded):
    first = client.get("/", {"q": "شام"})
    again = client.get("/", {"q": "شام"})
    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, no-cache"
    assert "Content-Security-Policy" in again  # the site's headers on a hit too
    assert "cookie" not in again.get("Vary", "").lower()
    assert "accept-language" not in again.get("Vary", "").lower()  # the language is in the URL
    assert client.get("/", {"q": "شام"}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/ur/", {"q": "شام"})["X-Cache"] == "miss"  # another language, another page


def _served_after(client, url, change):
    before = client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    change()
    return before, client.get(url)


def test_unpublishing_and_publishing_a_meeting_is_seen_at_once(client, seeded):
    url = seeded.get_absolute_url()
    _, after = _served_after(
        client, url, lambda: editing.set_meeting_status(Meeting.objects.all(), "draft")
    )
    assert after.status_code == 404
    editing.set_meeting_status(Meeting.objects.all(), "published")
    assert client.get(url)["X-Cache"] == "miss"


def test_editing_a_claim_is_seen_at_once(client, seeded):
    claim = Claim.objects.filter(meeting=seeded).first()

    def edit():
        claim.translation_en = "An editor's translation"
        claim.review_status = "rejected"
        claim.save()

    before, after = _served_after(client, "/api/v1/claims?q=شام", edit)
    assert after["X-Cache"] == "miss" and before.content != after.content


def test_a_new_ingest_is_seen_at_once(client, seeded):
    new = "2017-03-03 - ملاقات\n\nروس کے صدر ولادیمیر پیوٹن نے کہا کہ زعفران کی تجارت بڑھے گی۔\n"
    _, after = _served_after(
        client,
        "/?q=زعفران",
        lambda: ingest_document(new, origin="saffron.txt", publish=True),
    )
    assert after["X-Cache"] == "miss" and b"result-claim-" in after.content


def test_a_signed_in_editor_never_gets_a_cached_page(client, admin_client, seeded):
    assert client.get("/", {"q": "روس"})["X-Cache"] == "miss"
    editor = admin_client.get("/", {"q": "روس"})
    assert "X-Cache" not in editor  # not served from the cache, not stored
    assert admin_client.get("/", {"q": "ایران"}).get("X-Cache") is None
    assert client.get("/", {"q": "ایران"})["X-Cache"] == "miss"  # the editor's was not kept


def _sets_a_cookie(request):
    response = HttpResponse("hello")
    response.set_cookie("seen", "1")
    return response


def _uses_a_csrf_token(request):
    return HttpResponse(f"<form><input name=csrfmiddlewaretoken value={get_token(request)}>")


def _plain(request):
    return HttpResponse("plain")


urlpatterns = [
    path("cookie/", _sets_a_cookie),
    path("csrf/", _uses_a_csrf_token),
    path("plain/", _plain),
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/cookie/", "/csrf/"])
def test_a_response_that_sets_a_cookie_or_uses_a_csrf_token_is_never_cached(client, url):
    client.get(url)
    client.cookies.clear()
    again = client.get(url)
    assert "X-Cache" not in again and again.cookies  # produced again, with its cookie
    assert client.get("/plain/")["X-Cache"] == "miss"
    assert client.get("/plain/")["X-Cache"] == "hit"  # (what may be kept is kept)


def test_the_shared_cache_counts_atomically(transactional_db):
    """Rate limits count with incr: many workers at once lose no count."""
    shared = caches["default"]
    shared.set("hits", 0)
    errors = []

    def bump():
        try:
            for _ in range(50):
                shared.incr("hits")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and shared.get("hits") == 200


def test_the_shared_cache_keeps_values_adds_once_and_expires(db):
    shared = caches["default"]
    assert shared.add("k", {"a": 1}, timeout=60) is True
    assert shared.add("k", "other", timeout=60) is False
    assert shared.get("k") == {"a": 1} and shared.has_key("k")
    shared.set("gone", "x", timeout=-1)
    assert shared.get("gone") is None and shared.add("gone", "y", timeout=60) is True
    with pytest.raises(ValueError):
        shared.incr("missing")
    assert shared.delete("k") and shared.get("k", "default") == "default"


def test_a_cached_page_is_not_served_on_another_day(client, seeded, monkeypatch):
    """Claim pages print the access date in their citations: yesterday's copy is not today's."""
    import datetime

    from django.utils import timezone

    claim = Claim.objects.filter(meeting=seeded).first()
    url = f"/claims/{claim.pk}/"
    today = timezone.localdate()
    first = client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    later = client.get(url)
    assert later["X-Cache"] == "miss"
    assert tomorrow.isoformat() in later.content.decode()  # BibTeX's urldate
    assert tomorrow.isoformat() not in first.content.decode()


def test_a_new_deploy_does_not_serve_the_pages_the_previous_code_rendered(client, seeded, settings):
    from archive import responsecache

    assert client.get("/", {"q": "روس"})["X-Cache"] == "miss"
    assert client.get("/", {"q": "روس"})["X-Cache"] == "hit"
    settings.RESPONSE_CACHE_VERSION = "release-2"
    responsecache.code_version.cache_clear()
    try:
        assert client.get("/", {"q": "روس"})["X-Cache"] == "miss"
    finally:
        responsecache.code_version.cache_clear()


def test_the_code_version_follows_the_contents_of_the_files_that_render_pages(tmp_path):
    from archive.responsecache import tree_version

    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>one</p>")
    (tmp_path / "templates" / "notes.bak").write_text("ignored")
    first = tree_version(tmp_path, roots=("templates",))
    assert tree_version(tmp_path, roots=("templates",)) == first
    (tmp_path / "templates" / "notes.bak").write_text("still ignored")
    assert tree_version(tmp_path, roots=("templates",)) == first
    page.write_text("<p>two</p>")
    assert tree_version(tmp_path, roots=("templates",)) != first
