"""A response cache for anonymous GETs of the researchers' pages and the API, shared by every
worker (Django's cache: CACHE_URL, or the archive's own PostgreSQL, archive/pgcache.py).

- Key: the scheme, host and full path with its query (the interface language is in the path),
  the archive's version (statements/search/facets.py archive_version: it changes with every
  write a reader could see), today's date (pages print it: a citation's access date) and the
  version of the code that renders pages (`code_version`: a deploy that changes a template, a
  translation or a view never serves the pages the previous code rendered). Publishing, editing
  a claim or ingesting a document therefore makes new keys at once; old entries are never
  served again and expire.
- Only for requests that carry no session cookie (editors, signed in, always get a fresh page),
  and only responses that are 200, not streamed, set no cookie, do not vary on Cookie and used
  no CSRF token. The admin, the export, the health probes are never cached.
- Every cacheable response gets an ETag (a hash of its bytes) and `Cache-Control: public,
  no-cache`, so a proxy or CDN in front may keep it and revalidate it with a cheap 304;
  `X-Cache: hit|miss` says where it came from.
- A hit is served before the view runs, so it costs no search and does not count against the
  search rate limit (which protects the searching, not the serving).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, router
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from archive import routers
from archive.middleware import RECENT_WRITE_COOKIE, ReadRoutingMiddleware

DATABASE_ERRORS = (OperationalError, InterfaceError)

SKIPPED_PREFIXES = ("/admin/", "/api/v1/export", "/healthz", "/readyz", "/static/")
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Last-Modified",
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    "Link",
)


# What renders a page: the code, its templates, translations and the static files pages name.
CODE_ROOTS = ("archive", "statements", "templates", "locale", "static/css", "static/js")
CODE_SUFFIXES = (".py", ".html", ".txt", ".mo", ".css", ".js", ".json")


def tree_version(base: Path, roots=CODE_ROOTS, suffixes=CODE_SUFFIXES) -> str:
    """A hash of the contents (and names) of the files under `roots` of `base` that end in one
    of `suffixes`: it changes when any of them does, whatever their dates say."""
    digest = hashlib.sha256()
    for root in roots:
        for path in sorted((base / root).rglob("*")):
            if path.suffix in suffixes and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def code_version() -> str:
    """The deployed code's version: RESPONSE_CACHE_VERSION when set (a release id or a commit),
    else a hash of the files that render pages, computed once per process (about 30 ms)."""
    configured = getattr(settings, "RESPONSE_CACHE_VERSION", "")
    return configured or tree_version(Path(settings.BASE_DIR))


def cacheable_request(request) -> bool:
    if not getattr(settings, "RESPONSE_CACHE", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # an editor (or someone who was one): always fresh
    if RECENT_WRITE_COOKIE in request.COOKIES:
        return False  # a browser that just wrote reads its writes, fresh
    return not request.path.startswith(SKIPPED_PREFIXES)


def cacheable_response(request, response) -> bool:
    vary = response.get("Vary", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in vary.lower()
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page used a CSRF token
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


class ResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        # With read replicas, the version is read where the page's data will be read (a
        # replica may lag): the request's read routing is decided here, once, and
        # archive.middleware.ReadRoutingMiddleware keeps it.
        routing = routers.ReadRouting(
            prefer_replica=ReadRoutingMiddleware.may_read_replica(request)
        )
        request.archive_routing = routing
        token = routers.current.set(routing)
        try:
            return self.cached(request)
        finally:
            routers.current.reset(token)

    def cached(self, request):
        from statements.models import Claim
        from statements.search.facets import archive_version

        cache = caches[getattr(settings, "RESPONSE_CACHE_ALIAS", "default")]
        identity = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        try:
            version = archive_version(using=router.db_for_read(Claim))
            today = timezone.localdate().isoformat()
            scope = f"{code_version()} {version} {today} {identity}"
            key = "page:" + hashlib.sha256(scope.encode()).hexdigest()
            stored = cache.get(key)
        except DATABASE_ERRORS:
            return self.get_response(request)  # the view says 503 (archive/middleware.py)
        if stored is not None:
            response = HttpResponse(stored["body"], status=200)
            for name, value in stored["headers"].items():
                response[name] = value
            response["X-Cache"] = "hit"
            return self._conditional(request, response)
        response = self.get_response(request)
        if not cacheable_response(request, response):
            return response
        body = response.content
        response["ETag"] = response.get("ETag") or f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        response["Cache-Control"] = "public, no-cache"
        self._drop_language_vary(response)
        headers = {n: response.get(n) for n in (*STORED_HEADERS, "ETag", "Cache-Control", "Vary")}
        cache.set(
            key,
            {"body": body, "headers": {n: v for n, v in headers.items() if v is not None}},
            timeout=getattr(settings, "RESPONSE_CACHE_SECONDS", 86_400),
        )
        response["X-Cache"] = "miss"
        return self._conditional(request, response)

    @staticmethod
    def _drop_language_vary(response) -> None:
        """The language is in the URL: a response does not depend on Accept-Language, and
        saying it does would split every shared cache by browser language."""
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        kept = [v for v in vary if v.lower() != "accept-language"]
        if kept != vary:
            del response["Vary"]
            if kept:
                patch_vary_headers(response, kept)

    @staticmethod
    def _conditional(request, response):
        if request.method == "HEAD":
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        modified = response.get("Last-Modified")
        answer = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(modified) if modified else None,
            response=response,
        )
        if answer is not response:  # a 304 keeps what lets a browser script read it
            for name in ("Access-Control-Allow-Origin", "Access-Control-Expose-Headers"):
                if response.has_header(name):
                    answer[name] = response[name]
        return answer
