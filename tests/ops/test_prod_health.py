"""/healthz and /readyz, the request log line, and 503 (never 500) when the database is down."""

import logging
import os

import pytest
from django.db import close_old_connections, connection
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponse
from django.urls import path

from archive import pgcluster
from archive import urls as site_urls


def crash(request):
    raise ValueError("something broke in a view")


def database_gone(request):
    from django.db import OperationalError

    raise OperationalError("connection to server failed: server closed the connection")


urlpatterns = [
    path("crash/", crash),
    path("database-gone/", database_gone),
    path("ok/", lambda request: HttpResponse("ok")),
    # The site's routes as they are (its i18n_patterns may not be include()d, only listed).
    *site_urls.urlpatterns,
]


def test_healthz_answers_without_the_database(client):
    # No django_db mark: any query would raise pytest-django's "Database access not allowed".
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ready_when_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok", "migrations": "applied"}


@pytest.mark.django_db
def test_readyz_is_unavailable_with_an_unapplied_migration(client):
    newest = MigrationRecorder(connection).migration_qs.filter(app="statements").latest("id")
    newest.delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["missing"] == [f"statements.{newest.name}"]


@pytest.mark.django_db
def test_readyz_is_cheap(client, django_assert_max_num_queries, monkeypatch):
    """Cheap in work, not in a wall-clock time: at most three queries, and the migration graph
    is built from disk once per process, not per probe."""
    client.get("/readyz")  # builds the migration graph once per process
    from django.db.migrations import loader

    def no_disk(*args, **kwargs):
        raise AssertionError("the migration graph was built again")

    monkeypatch.setattr(loader.MigrationLoader, "build_graph", no_disk)
    with django_assert_max_num_queries(3):
        assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_one_log_line_per_request_without_the_query_string(client, caplog, seeded):
    caplog.set_level(logging.INFO, logger="archive.request")
    client.get(seeded.get_absolute_url() + "?q=private-research-question&token=s3cret")
    client.get("/meetings/no-such-meeting/")
    lines = [r.getMessage() for r in caplog.records if r.name == "archive.request"]
    assert len(lines) == 2
    method, logged_path, status, duration, address = lines[0].split()
    assert (method, logged_path, status) == ("GET", seeded.get_absolute_url(), "200")
    assert address == "127.0.0.1"  # the test client's REMOTE_ADDR
    assert duration.endswith("ms") and float(duration[:-2]) >= 0
    assert lines[1].startswith("GET /meetings/no-such-meeting/ 404 ")
    everything = caplog.text
    assert "private-research-question" not in everything and "s3cret" not in everything


@pytest.mark.urls(__name__)
def test_a_crash_is_logged_with_its_traceback_and_answers_500(client, caplog, settings):
    settings.RESPONSE_CACHE = False  # no database here: nothing to key a cache by
    client.raise_request_exception = False
    caplog.set_level(logging.INFO)
    response = client.get("/crash/?email=someone@example.org")
    assert response.status_code == 500
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR and r.exc_info]
    assert errors and "something broke in a view" in caplog.text
    assert "Traceback" in caplog.text or errors[0].exc_info[0] is ValueError
    assert "someone@example.org" not in caplog.text
    assert any(r.getMessage().startswith("GET /crash/ 500 ") for r in caplog.records)


@pytest.mark.urls(__name__)
def test_a_database_error_in_a_view_answers_503(client, settings):
    settings.RESPONSE_CACHE = False  # no database here: nothing to key a cache by
    client.raise_request_exception = False
    page = client.get("/database-gone/")
    assert page.status_code == 503
    assert page["Retry-After"] == "10"
    assert b"Temporarily unavailable" in page.content
    api = client.get("/database-gone/", HTTP_ACCEPT="application/json")
    assert api.status_code == 503
    assert api.json()["error"] == "database unavailable"


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="stops the embedded cluster")
@pytest.mark.django_db(transaction=True)
def test_stopping_the_database_gives_503_quickly_and_recovery_is_automatic(client, seeded):
    client.raise_request_exception = False
    url = seeded.get_absolute_url()
    assert client.get(url).status_code == 200
    pgcluster.stop()
    try:
        for probe in (url, "/readyz", url):
            # The test client skips Django's close_old_connections() at request start (to keep
            # test transactions); the WSGI handler runs it, and so do we, like gunicorn would.
            close_old_connections()
            response = client.get(probe)
            assert response.status_code == 503, probe
        assert client.get("/healthz").status_code == 200
    finally:
        pgcluster.start()
    close_old_connections()
    assert client.get(url).status_code == 200
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_a_request_for_an_unknown_host_is_one_log_line_not_a_traceback(client, caplog):
    caplog.set_level(logging.INFO)
    client.raise_request_exception = False
    assert client.get("/", HTTP_HOST="scanner.example.net").status_code == 400
    records = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert len(records) == 1 and records[0].exc_info is None
    assert "scanner.example.net" in records[0].getMessage()
    assert "Traceback" not in caplog.text


@pytest.mark.django_db
def test_readyz_says_the_database_is_unavailable_without_its_address(client, caplog, settings):
    from django.db import connections

    caplog.set_level(logging.WARNING, logger="archive.health")
    real = connections["default"].cursor

    def refuse(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError('connection to server on socket "/tmp/secret-socket" failed')

    connections["default"].cursor = refuse
    try:
        response = client.get("/readyz")
    finally:
        connections["default"].cursor = real
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert "secret-socket" not in response.content.decode()
    assert "secret-socket" in caplog.text  # the details are in the log
