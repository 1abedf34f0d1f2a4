"""Read replicas: the public pages' and the API's reads go to a streaming replica.

`DATABASE_REPLICA_URLS` (comma-separated, optional) adds the aliases `replica1`, `replica2`, ...
Everything else reads from the primary (`default`): writes, the admin, signed-in editors
(read-your-writes), a request after it has written, a browser for a few seconds after it sent a
POST (a cookie set by archive.middleware.ReadRoutingMiddleware), management commands and
anything inside a transaction. The middleware decides per request through a context variable;
outside a request nothing prefers a replica.

A replica that cannot be reached is logged, left alone for REPLICA_RETRY_SECONDS, and its reads
go to the primary meanwhile: a replica down costs capacity, never availability.
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import threading
import time
from dataclasses import dataclass

import environ

logger = logging.getLogger("archive.routers")

PRIMARY = "default"
# Models whose reads always need the freshest data: sessions and accounts (a login just
# written must be seen by the next request), the admin's log, content types.
PRIMARY_ONLY_APPS = {"auth", "sessions", "admin", "contenttypes"}


def replica_databases(
    urls: list[str], *, connect_timeout: int, conn_max_age: int = 0, options: str = ""
) -> dict:
    """DATABASES entries `replica1`, `replica2`, ... for the given URLs (empty ones skipped);
    `options` are the session settings (-c name=value) every connection starts with."""
    databases = {}
    for number, url in enumerate((u.strip() for u in urls if u.strip()), start=1):
        config = environ.Env.db_url_config(url)
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", connect_timeout)
        if options:
            config["OPTIONS"].setdefault("options", options)
        config["CONN_MAX_AGE"] = conn_max_age
        config["CONN_HEALTH_CHECKS"] = True
        # Tests use the primary's test database through this alias; nothing is created here.
        config["TEST"] = {"MIRROR": PRIMARY}
        databases[f"replica{number}"] = config
    return databases


@dataclass
class ReadRouting:
    """How the current request reads: `prefer_replica` is decided once, `wrote` as it goes."""

    prefer_replica: bool = False
    wrote: bool = False
    replica: str | None = None  # the replica chosen for this request, once checked


current = contextvars.ContextVar("archive_read_routing", default=None)


class ReplicaHealth:
    """Which replicas failed to connect lately (shared by the threads of one process)."""

    def __init__(self, clock=time.monotonic):
        self._lock = threading.Lock()
        self._down_until: dict[str, float] = {}
        self.clock = clock  # replaceable, so that a test can move time on instead of waiting

    def is_down(self, alias: str) -> bool:
        with self._lock:
            return self._down_until.get(alias, 0.0) > self.clock()

    def mark_down(self, alias: str, seconds: float) -> bool:
        """Record a failure; True when the replica was not already known to be down."""
        with self._lock:
            now = self.clock()
            was_down = self._down_until.get(alias, 0.0) > now
            self._down_until[alias] = now + seconds
            return not was_down

    def reset(self) -> None:
        with self._lock:
            self._down_until.clear()


health = ReplicaHealth()
_round_robin = itertools.count()


def replica_aliases() -> list[str]:
    from django.db import connections

    return [alias for alias in connections if alias != PRIMARY]


def _reachable_replica() -> str | None:
    """A replica that accepts a connection now, else None (and the failure is logged)."""
    from django.db import DatabaseError, connections

    aliases = [a for a in replica_aliases() if not health.is_down(a)]
    if not aliases:
        return None
    start = next(_round_robin)
    for offset in range(len(aliases)):
        alias = aliases[(start + offset) % len(aliases)]
        try:
            # A kept-alive connection is checked first (CONN_HEALTH_CHECKS), once per request.
            connections[alias].close_if_health_check_failed()
            connections[alias].ensure_connection()
        except DatabaseError as exc:
            replica_failed(alias, exc)
            continue
        return alias
    return None


def replica_failed(alias: str, exc: BaseException) -> None:
    """Leave `alias` alone for a while; log it when it was thought to be up."""
    from django.conf import settings

    if health.mark_down(alias, settings.REPLICA_RETRY_SECONDS):
        text = str(exc).strip()
        logger.warning(
            "replica %s unavailable, reading from the primary: %s",
            alias,
            text.splitlines()[0] if text else type(exc).__name__,
        )


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        routing = current.get()
        if routing is None or not routing.prefer_replica or routing.wrote:
            return PRIMARY
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        from django.db import connections

        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if routing.replica is None:
            routing.replica = _reachable_replica() or PRIMARY
        return routing.replica

    def db_for_write(self, model, **hints):
        routing = current.get()
        if routing is not None:
            routing.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # replicas follow the primary's WAL, migrations included
