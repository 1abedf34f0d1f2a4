"""HTTP manners of the JSON API: CORS for GET, ETag/Last-Modified with 304s, a per-client rate
limit, unknown query parameters refused, and JSON errors. Kept apart from the endpoints (statements/api.py), which only render.

CORS is hand-rolled rather than django-cors-headers: the API is public, read-only and sends no
credentials, so the whole policy is `Access-Control-Allow-Origin: *` on /api/ responses plus an
answer to preflights (a conditional request's If-None-Match header triggers one).

The rate limit (archive/ratelimit.py) is the one the pages and feeds use too: a fixed window
per client in Django's cache; here a RateLimited becomes a JSON 429 with Retry-After. ninja's
built-in throttles were not used: they keep per-request state on shared instances (a race under
threaded servers) and trust X-Forwarded-For by default, which any client can forge
(archive/clientip.py believes it only from trusted proxies).
"""

from __future__ import annotations

import functools
import hashlib

from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from archive import ratelimit

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
}


class ApiError(Exception):
    """A request the API refuses: rendered as {"error": message, "field": field}."""

    def __init__(self, status: int, message: str, field: str | None = None, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.headers = headers or {}


def error_body(message: str, field: str | None = None) -> dict:
    return {"error": message, "field": field}


def json_error(status: int, message: str, field: str | None = None) -> JsonResponse:
    return JsonResponse(
        error_body(message, field),
        status=status,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )


def check_rate_limit(request, scope: str) -> None:
    """Count this request (archive.ratelimit); raise ApiError(429) with Retry-After once the
    client's window is full."""
    try:
        ratelimit.check_rate_limit(request, scope)
    except ratelimit.RateLimited as exc:
        raise ApiError(429, str(exc), headers={"Retry-After": str(exc.retry_after)}) from None


def add_cors(response: HttpResponse) -> HttpResponse:
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


def preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = "86400"
    response["Allow"] = "GET, HEAD, OPTIONS"
    return add_cors(response)


def conditional(request, response: HttpResponse) -> HttpResponse:
    """Give a complete 200 response an ETag (a hash of its bytes) and answer 304 when the
    client already has it. A view may set `request.api_last_modified` (an aware datetime)."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    last_modified = getattr(request, "api_last_modified", None)
    if last_modified is not None and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified.timestamp())
    if not response.streaming and not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response.setdefault("Cache-Control", "no-cache")  # revalidate, then reuse on a 304
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=int(last_modified.timestamp()) if last_modified else None,
        response=response,
    )


def http_layer(view):
    """Wrap an API view: preflights, conditional requests, CORS on every answer."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return preflight()
        head = request.method == "HEAD"
        if head:  # HEAD is GET without the body (and without running an export)
            request.method = "GET"
        response = conditional(request, view(request, *args, **kwargs))
        if head:
            request.method = "HEAD"
            if response.streaming:
                response.streaming_content = []
            elif response.content:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        return add_cors(response)

    return wrapped


def query_parameter_names(operation) -> set[str]:
    """The query parameters a django-ninja operation reads: the flattened fields of its Query
    schemas, the same that /api/v1/openapi.json lists."""
    return {
        name
        for model in operation.models
        if getattr(model, "__ninja_param_source__", None) == "query"
        for name in getattr(model, "__ninja_flatten_map__", model.model_fields)
    }


def reject_unknown_parameters(run):
    """A decorator of every operation (NinjaAPI.add_decorator, mode "view"): a query parameter
    the endpoint does not read is a 400 naming it, not silently ignored (/export?q=... would
    otherwise send the whole archive as if it had been searched)."""
    known = query_parameter_names(run.__self__)

    @functools.wraps(run)
    def checked(request, *args, **kwargs):
        unknown = sorted(set(request.GET) - known)
        if unknown:
            allowed = ", ".join(sorted(known)) or "none"
            return json_error(
                400,
                f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}: "
                f"this endpoint reads {allowed}",
                unknown[0],
            )
        return run(request, *args, **kwargs)

    return checked
