"""The embedded cluster's memory settings follow the machine (archive/pgcluster.py)."""

import os

import pytest
from django.db import connection

from archive import pgcluster

MB = 1 << 20


@pytest.mark.parametrize(
    ("memory", "shared", "cache"),
    [(256 * MB, 128, 128), (1024 * MB, 256, 512), (64 * 1024 * MB, 2048, 32768)],
)
def test_a_quarter_of_the_memory_within_bounds(memory, shared, cache):
    assert pgcluster.memory_settings(memory) == (
        f"-c shared_buffers={shared}MB -c effective_cache_size={cache}MB"
    )


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="an external server")
@pytest.mark.django_db
def test_the_running_embedded_server_uses_them():
    expected = dict(part.split("=") for part in pgcluster.memory_settings().split() if part != "-c")
    with connection.cursor() as cursor:
        for name, value in expected.items():
            cursor.execute(
                "SELECT setting::bigint * pg_size_bytes(coalesce(unit, 'B')) "
                "FROM pg_settings WHERE name = %s",
                [name],
            )
            in_bytes = cursor.fetchone()[0]
            # A cluster started by an older checkout keeps its settings until it is restarted.
            assert in_bytes == int(value.removesuffix("MB")) * MB, (name, in_bytes)
