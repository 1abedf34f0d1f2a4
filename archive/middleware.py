"""Production middleware: the request log line, read routing, and 503 when the database is down.

- RequestLogMiddleware (outermost after the client address): one line per request,
  `method path status duration_ms client`. The path is logged without its query string, which
  can carry what a researcher searched for; no headers, cookies or user names are logged. The
  client is the address archive/clientip.py found (behind trusted proxies, the real client's).
- ReadRoutingMiddleware (after authentication): decides whether this request may read from a
  replica (archive/routers.py) and remembers recent writes in a short-lived cookie; a safe
  request whose replica fails mid-way is run again on the primary.
- DatabaseUnavailableMiddleware and `server_error` (the project's handler500): a database that
  cannot be reached gives 503 with Retry-After, as JSON for the API and as a small page
  otherwise, rendered without touching the database or the template engine.
"""

from __future__ import annotations

import logging
import sys
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.views import defaults

from archive import routers

request_log = logging.getLogger("archive.request")
logger = logging.getLogger("archive.middleware")

DATABASE_ERRORS = (OperationalError, InterfaceError)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
RECENT_WRITE_COOKIE = "archive_recent_write"
RETRY_AFTER_SECONDS = 10

UNAVAILABLE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable</title></head>
<body><h1>Temporarily unavailable</h1>
<p>The archive cannot reach its database just now. Please try again in a few seconds.</p>
</body></html>
"""


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        request_log.info(
            "%s %s %s %.1fms %s",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            request.META.get("REMOTE_ADDR") or "-",
        )
        return response


def wants_json(request) -> bool:
    if request.path.startswith("/api/") or request.path in {"/healthz", "/readyz"}:
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def database_unavailable(request, exc: BaseException) -> HttpResponse:
    # One line, no traceback: during an outage every request fails the same way.
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    logger.warning("database unavailable: %s: %s", type(exc).__name__, first_line)
    if wants_json(request):
        response = JsonResponse(
            {"error": "database unavailable", "detail": "try again in a few seconds"},
            status=503,
        )
    else:
        response = HttpResponse(UNAVAILABLE_PAGE, status=503, content_type="text/html")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database connection error raised by a view (or its template) into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return database_unavailable(request, exception)
        return None


def server_error(request, *args, **kwargs):
    """handler500: the same 503 for database errors raised outside views (e.g. in middleware)."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_ERRORS):
        return database_unavailable(request, exc)
    if wants_json(request):
        return JsonResponse({"error": "internal server error"}, status=500)
    return defaults.server_error(request, *args, **kwargs)


class ReadRoutingMiddleware:
    """Lets anonymous, safe requests to the public site read from a replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The response cache may have decided it already (it reads the archive's version where
        # the page will read its data).
        routing = getattr(request, "archive_routing", None) or routers.ReadRouting(
            prefer_replica=self.may_read_replica(request)
        )
        token = routers.current.set(routing)
        try:
            response = self.get_response(request)
        finally:
            routers.current.reset(token)
        if routing.wrote or request.method not in SAFE_METHODS:
            response.set_cookie(
                RECENT_WRITE_COOKIE,
                "1",
                max_age=settings.READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_exception(self, request, exception):
        """A replica lost in the middle of a safe request: run the view again on the primary."""
        routing = routers.current.get()
        if (
            not isinstance(exception, DATABASE_ERRORS)
            or routing is None
            or routing.replica in (None, routers.PRIMARY)
            or request.method not in SAFE_METHODS
            or getattr(request, "_archive_replica_retried", False)
        ):
            return None
        routers.replica_failed(routing.replica, exception)
        routing.replica = routers.PRIMARY
        request._archive_replica_retried = True
        match = request.resolver_match
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        return response

    @staticmethod
    def may_read_replica(request) -> bool:
        if not routers.replica_aliases():
            return False
        if request.method not in SAFE_METHODS or RECENT_WRITE_COOKIE in request.COOKIES:
            return False
        if request.path.startswith("/admin/"):
            return False
        # Only a request that carries a session can belong to an editor; the session is read
        # from the primary (routers.PRIMARY_ONLY_APPS), so a fresh login is always seen.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            try:
                if request.user.is_authenticated:
                    return False
            except DATABASE_ERRORS:
                return False  # the view's own queries will meet the same error and say 503
        return True


class RequestBodyLimitMiddleware:
    """Refuses a request whose declared body is larger than the site accepts, with 413, before
    anything reads it (Django would otherwise spool a large multipart body to a temporary file
    first). The limit is settings.MAX_REQUEST_BODY_BYTES, and MAX_DOCUMENT_REQUEST_BYTES for
    staff adding a meeting from its document in the admin (its form then says what is too
    large). Runs after authentication: that needs the session cookie, never the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.MAX_REQUEST_BODY_BYTES
        if declared > limit:
            limit = self.limit(request)
        if declared > limit:
            message = f"the request body is {declared:,} bytes; this site accepts at most {limit:,}"
            if wants_json(request):
                response = JsonResponse({"error": message, "field": None}, status=413)
            else:
                response = HttpResponse(message + "\n", status=413, content_type="text/plain")
            return response  # the server closes the connection: its body was never read
        return self.get_response(request)

    @staticmethod
    def limit(request) -> int:
        if request.path == settings.DOCUMENT_UPLOAD_PATH and request.user.is_staff:
            return settings.MAX_DOCUMENT_REQUEST_BYTES
        return settings.MAX_REQUEST_BODY_BYTES


class OneLineLogFilter(logging.Filter):
    """Keeps a record's message and drops its traceback (for expected, repeated refusals)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True
