"""Read replicas against a real streaming standby made from the test's own primary.

The standby is made with the embedded binaries (pg_basebackup -R, then started as a hot standby
on its own socket). Replay is paused to make the two servers visibly differ: a page then shows
which one answered.
"""

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import close_old_connections, connections

from archive import pgcluster, routers
from statements.models import Meeting
from tests.seed_gold import SEED_CLAIMS

ALIAS = "replica1"
pytestmark = [
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")), reason="the standby is made from the embedded cluster"
    ),
    # Committed writes (they must replicate); the replica alias is a test mirror, never flushed.
    pytest.mark.django_db(transaction=True, databases=["default", ALIAS]),
]
NEW_TITLE = "عنوان جو ابتدائی سرور پر بدلا گیا"  # "a title changed on the primary"


@pytest.fixture(scope="module")
def standby(django_db_setup, django_db_blocker):
    """A hot standby of the embedded cluster, in a temporary directory, as the alias replica1.

    The alias is what DATABASE_REPLICA_URLS makes (archive.routers.replica_databases): the test
    database's name on the standby's socket, a test mirror of the primary.
    """
    user = pgcluster._server_user()
    workdir = Path(tempfile.mkdtemp(prefix="archive-replica-", dir="/tmp"))
    if user is not None:
        os.chown(workdir, user.pw_uid, user.pw_gid)
    pgdata = workdir / "data"
    backup = pgcluster._run(
        [
            pgcluster.bin_path("pg_basebackup"),
            "-h",
            str(pgcluster.socket_dir()),
            "-U",
            pgcluster.SUPERUSER,
            "-D",
            str(pgdata),
            "-R",  # write standby.signal and primary_conninfo: a streaming standby
            "-X",
            "stream",
            "--checkpoint=fast",
        ],
        user,
    )
    assert backup.returncode == 0, backup.stderr
    assert (pgdata / "standby.signal").exists()
    pgcluster.start(pgdata)
    config = dict(connections["default"].settings_dict)
    config["HOST"] = str(pgcluster.socket_dir(pgdata))
    config["TEST"] = {**config["TEST"], "MIRROR": "default"}
    connections.settings[ALIAS] = config
    yield pgdata
    connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]
    pgcluster.stop(pgdata)
    shutil.rmtree(workdir, ignore_errors=True)
    shutil.rmtree(pgcluster.socket_dir(pgdata), ignore_errors=True)


@pytest.fixture
def replica(standby, settings):
    settings.REPLICA_RETRY_SECONDS = 1
    routers.health.reset()
    if not pgcluster.is_running(standby):
        pgcluster.start(standby)
    yield standby
    connections[ALIAS].close()  # a test may have left it broken
    replica_sql("SELECT pg_wal_replay_resume()", check_running=standby)
    routers.health.reset()


def replica_sql(sql: str, check_running: Path | None = None):
    if check_running is not None and not pgcluster.is_running(check_running):
        return None
    with connections[ALIAS].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def wait_for_replay(timeout: float = 20) -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if replica_sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
            return
        time.sleep(0.05)
    pytest.fail("the standby did not catch up")


class QueryCount:
    """Counts the queries run on one alias (without connecting to it first); the shared cache's
    own table (archive/pgcache.py, always on the primary) is not the archive's data and is
    left out."""

    def __init__(self, alias):
        self.wrapper = connections[alias].execute_wrapper(self)
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        if "archive_cache" not in sql:
            self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)


def get(client, url, **extra):
    """A request as the WSGI handler runs it (the test client skips close_old_connections).

    Returns the response and how many queries it ran on the primary and on the replica.
    """
    close_old_connections()
    with QueryCount("default") as primary, QueryCount(ALIAS) as on_replica:
        response = client.get(url, **extra)
    return response, primary.count, on_replica.count


def test_the_standby_is_a_real_read_only_replica(replica, seeded):
    wait_for_replay()
    assert replica_sql("SELECT pg_is_in_recovery()") is True
    assert replica_sql("SELECT count(*) FROM statements_claim") == SEED_CLAIMS


def test_public_reads_go_to_the_replica_and_editors_read_their_writes(replica, seeded, client):
    wait_for_replay()
    replica_sql("SELECT pg_wal_replay_pause()")
    old_title = seeded.title
    Meeting.objects.filter(pk=seeded.pk).update(title=NEW_TITLE)
    url = seeded.get_absolute_url()

    response, on_primary, on_replica = get(client, url)
    assert response.status_code == 200
    assert old_title in response.text and NEW_TITLE not in response.text
    assert on_replica > 0 and on_primary == 0

    editor = get_user_model().objects.create_user("editor", password="x-editor-pw-1", is_staff=True)
    client.force_login(editor)
    response, on_primary, on_replica = get(client, url)
    assert NEW_TITLE in response.text
    assert on_replica == 0
    client.logout()

    response, *_ = get(client, url)
    assert old_title in response.text  # an anonymous reader again, on the replica

    # A browser that just sent a POST keeps reading from the primary for a few seconds.
    close_old_connections()
    posted = client.post(url, {})
    cookie = posted.cookies["archive_recent_write"]
    assert cookie["max-age"] == 5 and cookie["httponly"]
    response, on_primary, on_replica = get(client, url)
    assert NEW_TITLE in response.text and on_replica == 0

    client.cookies.pop("archive_recent_write")
    replica_sql("SELECT pg_wal_replay_resume()")
    wait_for_replay()
    response, _, on_replica = get(client, url)
    assert NEW_TITLE in response.text and on_replica > 0


def test_a_write_in_a_request_sends_its_later_reads_to_the_primary(replica, seeded):
    routing = routers.ReadRouting(prefer_replica=True)
    token = routers.current.set(routing)
    try:
        router = routers.ReplicaRouter()
        assert router.db_for_read(Meeting) == ALIAS
        assert router.db_for_read(get_user_model()) == "default"  # accounts: always the primary
        assert router.db_for_write(Meeting) == "default"
        assert router.db_for_read(Meeting) == "default"
    finally:
        routers.current.reset(token)
    assert routers.ReplicaRouter().db_for_read(Meeting) == "default"  # outside a request


def test_replica_down_falls_back_to_the_primary_and_logs_it(replica, seeded, client, caplog):
    wait_for_replay()
    url = seeded.get_absolute_url()
    assert get(client, url)[2] > 0
    pgcluster.stop(replica)
    caplog.set_level(logging.WARNING, logger="archive.routers")

    for _ in range(3):
        response, on_primary, on_replica = get(client, url)
        assert response.status_code == 200
        assert on_primary > 0 and on_replica == 0
    warnings = [r.getMessage() for r in caplog.records if r.name == "archive.routers"]
    assert len(warnings) == 1  # logged once, not on every request
    assert warnings[0].startswith(f"replica {ALIAS} unavailable, reading from the primary")

    readyz = client.get("/readyz")
    assert readyz.status_code == 200  # the site stays ready on its primary
    assert readyz.json()["replicas"][ALIAS] == "unavailable"

    pgcluster.start(replica)
    # Until REPLICA_RETRY_SECONDS have passed the replica is left alone; move the clock on.
    real_clock = routers.health.clock
    routers.health.clock = lambda: real_clock() + settings.REPLICA_RETRY_SECONDS + 1
    try:
        response, _, on_replica = get(client, url)
    finally:
        routers.health.clock = real_clock
    assert response.status_code == 200 and on_replica > 0


def test_a_replica_lost_in_the_middle_of_a_request_is_retried_on_the_primary(
    replica, seeded, client, caplog
):
    """The replica's server really drops the connection at the request's first query."""
    wait_for_replay()
    caplog.set_level(logging.WARNING, logger="archive.routers")
    killed = []

    def drop_connection(execute, sql, params, many, context):
        if not killed:
            killed.append(sql)
            return execute("SELECT pg_terminate_backend(pg_backend_pid())", None, False, context)
        return execute(sql, params, many, context)

    close_old_connections()
    with connections[ALIAS].execute_wrapper(drop_connection), QueryCount("default") as primary:
        response = client.get(seeded.get_absolute_url())
    assert killed, "the request never read from the replica"
    assert response.status_code == 200
    assert seeded.title in response.text
    assert primary.count > 0
    (warning,) = [r.getMessage() for r in caplog.records if r.name == "archive.routers"]
    assert warning.startswith(f"replica {ALIAS} unavailable, reading from the primary")
