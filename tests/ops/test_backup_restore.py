"""manage.py backup / restore: back up, wipe, restore, and every row is back as it was."""

import io
import stat

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from statements.models import Claim, Meeting, Speaker
from tests.seed_gold import SEED_CLAIMS

pytestmark = pytest.mark.django_db(transaction=True)


def archived_models():
    """Every table of the statements app (many-to-many tables too) and the accounts."""
    models = list(apps.get_app_config("statements").get_models(include_auto_created=True))
    return [*models, get_user_model()]


def every_row() -> dict:
    return {
        model._meta.db_table: [
            tuple(str(value) for value in row)
            for row in model.objects.order_by("pk").values_list(
                *[f.attname for f in model._meta.concrete_fields]
            )
        ]
        for model in archived_models()
    }


def drop_every_table():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [name for (name,) in cursor.fetchall()]
        cursor.execute("DROP TABLE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")


@pytest.fixture
def archive_with_editor(seeded):
    get_user_model().objects.create_user("editor", password="an-editor-password-1", is_staff=True)
    return seeded


def test_backup_wipe_restore_gives_back_every_row(archive_with_editor, tmp_path):
    before = every_row()
    assert len(before["statements_claim"]) == SEED_CLAIMS and len(before["auth_user"]) == 1
    assert sum(len(rows) for rows in before.values()) > 100
    dump = tmp_path / "archive.dump"
    out = io.StringIO()
    call_command("backup", "-o", str(dump), stdout=out)
    assert "Backed up to" in out.getvalue()
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600

    drop_every_table()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert cursor.fetchone()[0] == 0

    call_command("restore", str(dump), interactive=False, stdout=io.StringIO())
    assert every_row() == before
    # Sequences came back too: new rows do not collide with restored ones.
    Speaker.objects.create(name="A new speaker", slug="a-new-speaker")
    # The generated, indexed search vectors came back with their function and index.
    assert Claim.objects.filter(search_vector__isnull=False).count() == SEED_CLAIMS
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%USING gin%'")
        assert cursor.fetchone()[0] >= 2


def test_restore_undoes_later_changes(archive_with_editor, tmp_path):
    before = every_row()
    dump = tmp_path / "archive.dump"
    call_command("backup", "-o", str(dump), stdout=io.StringIO())
    Meeting.objects.update(title_en="changed after the backup")
    Claim.objects.filter(pk__in=Claim.objects.values("pk")[:5]).delete()
    get_user_model().objects.create_user("intruder")
    assert every_row() != before

    call_command("restore", str(dump), interactive=False, stdout=io.StringIO())
    assert every_row() == before


def test_restore_refuses_a_file_that_is_not_a_backup(archive_with_editor, tmp_path):
    before = every_row()
    bogus = tmp_path / "notes.dump"
    bogus.write_text("not a backup\n")
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(bogus), interactive=False)
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.dump"), interactive=False)
    assert every_row() == before


def test_restore_asks_first(archive_with_editor, tmp_path, monkeypatch):
    dump = tmp_path / "archive.dump"
    call_command("backup", "-o", str(dump), stdout=io.StringIO())
    Meeting.objects.update(title_en="kept")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(dump))
    assert set(Meeting.objects.values_list("title_en", flat=True)) == {"kept"}


def test_backup_without_output_goes_to_a_dated_file(archive_with_editor, settings, tmp_path):
    settings.BASE_DIR = tmp_path
    out = io.StringIO()
    call_command("backup", stdout=out)
    (written,) = (tmp_path / "backups").glob("archive-*Z.dump")
    assert str(written) in out.getvalue()
    assert not list((tmp_path / "backups").glob("*.partial"))


def test_a_client_older_than_the_server_is_never_used(monkeypatch, tmp_path):
    """Debian's pg_dump (15 on this machine) cannot dump a PostgreSQL 18 server."""
    import shutil

    from archive import pgcluster, pgtools

    system = shutil.which("pg_dump")
    server_major = connection.pg_version // 10000
    if system is None or (pgtools.major_version(system) or 0) >= server_major:
        pytest.skip("needs a system pg_dump older than the server")
    monkeypatch.setattr(pgtools, "candidates", lambda name: [shutil.which(name)])
    with pytest.raises(CommandError, match=f"no pg_dump of PostgreSQL {server_major} or newer"):
        call_command("backup", "-o", str(tmp_path / "x.dump"))
    assert not (tmp_path / "x.dump").exists()
    monkeypatch.setattr(
        pgtools, "candidates", lambda name: [shutil.which(name), pgcluster.bin_path(name)]
    )
    assert pgtools.program_for("pg_dump") == pgcluster.bin_path("pg_dump")
