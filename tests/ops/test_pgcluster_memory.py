"""The embedded cluster's memory settings follow the machine (archive/pgcluster.py)."""

import os
from decimal import Decimal

import pytest
from django.db import connection

from archive import pgcluster

MB = 1 << 20


@pytest.mark.parametrize(
    ("memory", "shared", "cache", "work"),
    [
        (256 * MB, 128, 128, 4),
        (1024 * MB, 256, 512, 4),
        (8 * 1024 * MB, 2048, 4096, 16),
        (64 * 1024 * MB, 2048, 32768, 32),
    ],
)
def test_a_quarter_of_the_memory_within_bounds(memory, shared, cache, work):
    assert pgcluster.memory_settings(memory) == (
        f"-c shared_buffers={shared}MB -c effective_cache_size={cache}MB -c work_mem={work}MB "
        "-c random_page_cost=1.1"
    )


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="an external server")
@pytest.mark.django_db
def test_the_running_embedded_server_uses_them():
    expected = dict(part.split("=") for part in pgcluster.memory_settings().split() if part != "-c")
    with connection.cursor() as cursor:
        for name, value in expected.items():
            cursor.execute(
                "SELECT setting::numeric * pg_size_bytes("
                "CASE WHEN unit ~ '^[0-9]' THEN unit ELSE '1' || coalesce(unit, '') END) "
                "FROM pg_settings WHERE name = %s",
                [name],
            )
            actual = cursor.fetchone()[0]  # in bytes for sizes
            wanted = Decimal(value.removesuffix("MB")) * (MB if value.endswith("MB") else 1)
            # A cluster started by an older checkout keeps its settings until it is restarted.
            assert actual == wanted, (name, actual)
