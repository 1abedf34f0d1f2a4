"""Probes for a load balancer or orchestrator, unauthenticated and cheap.

- /healthz: the process is up and answers; touches no database.
- /readyz: the primary database answers and every migration on disk is applied. The migration
  graph is built from disk once per process; each probe then costs one `SELECT 1` and one read
  of django_migrations. Replicas are reported but do not make the site unready: their reads
  fall back to the primary (archive/routers.py).
"""

from __future__ import annotations

import functools
import logging

from django.db import DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from archive import routers

logger = logging.getLogger("archive.health")


@functools.cache
def migrations_on_disk() -> frozenset[tuple[str, str]]:
    """Every migration the code expects, with squashed ones standing for what they replace."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset(loader.graph.nodes)


def unapplied_migrations(connection) -> list[str]:
    applied = set(MigrationRecorder(connection).applied_migrations())
    return sorted(f"{app}.{name}" for app, name in migrations_on_disk() - applied)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def unavailable(body: dict) -> JsonResponse:
    response = JsonResponse(body, status=503)
    response["Retry-After"] = "10"
    return response


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    connection = connections[routers.PRIMARY]
    body: dict = {"status": "ready", "database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        missing = unapplied_migrations(connection)
    except DatabaseError as exc:
        # The answer is public: it says what, the log says why (the error can name the
        # server's socket path, host or user).
        logger.warning("readyz: database unavailable: %s", _first_line(exc))
        body.update(status="unavailable", database="unavailable")
        return unavailable(body)
    if missing:
        body.update(status="unavailable", migrations=f"{len(missing)} not applied", missing=missing)
        return unavailable(body)
    body["migrations"] = "applied"
    replicas = {}
    for alias in routers.replica_aliases():
        try:
            connections[alias].ensure_connection()
            replicas[alias] = "ok"
        except DatabaseError as exc:
            logger.warning("readyz: replica %s unavailable: %s", alias, _first_line(exc))
            replicas[alias] = "unavailable"
    if replicas:
        body["replicas"] = replicas
    return JsonResponse(body)


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]
