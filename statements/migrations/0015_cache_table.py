"""The table of the shared cache (archive/pgcache.py): responses, facet counts and rate-limit
counters, shared by every worker. UNLOGGED: what it holds can be lost in a crash and is never
replicated (the cache always reads and writes the primary)."""

from django.db import migrations

FORWARD = """
CREATE UNLOGGED TABLE archive_cache (
    key varchar(255) PRIMARY KEY,
    value bytea,
    number bigint,
    expires timestamptz
);
CREATE INDEX archive_cache_expires ON archive_cache (expires);
"""


class Migration(migrations.Migration):
    dependencies = [("statements", "0014_claim_kinds")]

    operations = [migrations.RunSQL(FORWARD, "DROP TABLE IF EXISTS archive_cache;")]
