"""A Django cache backend on the archive's own PostgreSQL: the cache every gunicorn worker (and
every host of a deployment) shares when no Redis or Memcached is given (CACHE_URL).

Why not Django's DatabaseCache: it counts the whole table on every set (to decide when to cull:
7 ms a set on this machine, growing with the entries) and its `incr` is a read then a write, so
two workers counting one client's requests at once lose a count. Here a set is one UPSERT, an
`incr` one atomic UPDATE ... RETURNING (the rate limits count with it), and expired entries are
swept now and then by a set rather than counted on each. Measured against the alternatives in
README ("The response cache").

Values are pickled into a bytea column, as Django's backends do; integers stored by `add`/`set`
and counted by `incr` live in their own column, so that they can be incremented in SQL. The
table (`archive_cache`, UNLOGGED: a cache needs no write-ahead log and no replica) is created
by statements' migration 0015. It always uses the primary (`default`), replicas or not.
"""

from __future__ import annotations

import pickle
import random
from datetime import UTC, datetime

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import connections

TABLE = "archive_cache"
SWEEP_ONE_SET_IN = 200  # a set deletes the expired entries this rarely (on average)


class PostgresCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        self.alias = location or "default"

    # --- helpers --------------------------------------------------------------------------
    def _expiry(self, timeout) -> datetime | None:
        moment = self.get_backend_timeout(timeout)  # a Unix time, or None for never
        return None if moment is None else datetime.fromtimestamp(moment, UTC)

    @staticmethod
    def _encode(value) -> tuple[bytes | None, int | None]:
        if isinstance(value, int) and not isinstance(value, bool):
            return None, value
        return pickle.dumps(value, pickle.HIGHEST_PROTOCOL), None

    @staticmethod
    def _decode(blob, number):
        return number if blob is None else pickle.loads(bytes(blob))

    # --- the cache API --------------------------------------------------------------------
    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with connections[self.alias].cursor() as cursor:
            cursor.execute(
                f"SELECT value, number FROM {TABLE} "
                "WHERE key = %s AND (expires IS NULL OR expires > now())",
                [key],
            )
            row = cursor.fetchone()
        return default if row is None else self._decode(*row)

    def get_many(self, keys, version=None):
        made = {self.make_and_validate_key(k, version=version): k for k in keys}
        if not made:
            return {}
        with connections[self.alias].cursor() as cursor:
            cursor.execute(
                f"SELECT key, value, number FROM {TABLE} "
                "WHERE key = ANY(%s) AND (expires IS NULL OR expires > now())",
                [list(made)],
            )
            return {made[k]: self._decode(v, n) for k, v, n in cursor.fetchall()}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        blob, number = self._encode(value)
        with connections[self.alias].cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (key, value, number, expires) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                "number = excluded.number, expires = excluded.expires",
                [key, blob, number, self._expiry(timeout)],
            )
            if random.randrange(SWEEP_ONE_SET_IN) == 0:
                cursor.execute(f"DELETE FROM {TABLE} WHERE expires <= now()")

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        blob, number = self._encode(value)
        with connections[self.alias].cursor() as cursor:
            # An expired entry counts as absent: it is replaced.
            cursor.execute(
                f"INSERT INTO {TABLE} (key, value, number, expires) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                "number = excluded.number, expires = excluded.expires "
                f"WHERE {TABLE}.expires IS NOT NULL AND {TABLE}.expires <= now() "
                "RETURNING key",
                [key, blob, number, self._expiry(timeout)],
            )
            return cursor.fetchone() is not None

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        with connections[self.alias].cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET number = number + %s WHERE key = %s AND number IS NOT NULL "
                "AND (expires IS NULL OR expires > now()) RETURNING number",
                [delta, key],
            )
            row = cursor.fetchone()
        if row is None:
            raise ValueError(f"Key '{key}' not found")
        return row[0]

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with connections[self.alias].cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET expires = %s WHERE key = %s "
                "AND (expires IS NULL OR expires > now())",
                [self._expiry(timeout), key],
            )
            return cursor.rowcount > 0

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with connections[self.alias].cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE key = %s", [key])
            return cursor.rowcount > 0

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with connections[self.alias].cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {TABLE} WHERE key = %s AND (expires IS NULL OR expires > now())",
                [key],
            )
            return cursor.fetchone() is not None

    def clear(self):
        with connections[self.alias].cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
