"""A per-client rate limit in a fixed window, counted in Django's cache, shared by the pages,
the feeds and the API (what costs the same is limited the same).

    check_rate_limit(request, "search")   # raises RateLimited once the window is full

Scopes and limits come from settings.RATE_LIMITS: {scope: (requests, seconds)}. The client is
REMOTE_ADDR, which archive.clientip sets from trusted proxies' X-Forwarded-For. Counts live in
the cache named by settings.RATE_LIMIT_CACHE ("default"); with a per-process cache each worker
counts on its own, so point it at a shared cache for one limit across workers.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import caches

DEFAULT_RATE_LIMITS = {"search": (120, 60), "export": (6, 60)}


class RateLimited(Exception):
    """Too many requests in this window; `retry_after` seconds until the next one opens."""

    def __init__(self, scope: str, allowed: int, seconds: int, retry_after: int):
        super().__init__(
            f"too many {scope} requests: at most {allowed} every {seconds} seconds; "
            f"retry in {retry_after} s"
        )
        self.scope = scope
        self.retry_after = retry_after


def client_ident(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def check_rate_limit(request, scope: str) -> None:
    """Count this request; raise RateLimited once the client's window is full."""
    check_rate(scope, client_ident(request))


def check_rate(scope: str, ident: str) -> None:
    """Count one event of `scope` for `ident` (a client address, or anything else that must not
    act too often: the alerts count the messages sent to an e-mail address); raise RateLimited
    once its window is full."""
    limits = getattr(settings, "RATE_LIMITS", DEFAULT_RATE_LIMITS)
    if scope not in limits or not limits[scope]:
        return
    allowed, seconds = limits[scope]
    cache = caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]
    now = time.time()
    window = int(now // seconds)
    key = f"rate:{scope}:{ident}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this request opens the window again
        cache.set(key, 1, timeout=seconds + 1)
        count = 1
    if count > allowed:
        retry_after = max(1, math.ceil((window + 1) * seconds - now))
        raise RateLimited(scope, allowed, seconds, retry_after)
