"""A scratch database for the commands that ingest the evaluation corpus (evaluate_extraction,
check_speakers, evaluate_english): `<database>_<suffix>`, created from the migrations the first
time and kept, with the reference data and the glossary loaded (as `make run` does; idempotent,
so a later run only checks them); whatever the command then writes is rolled back, so every
run starts from the same state and the archive's own database is never touched."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, transaction


class _Rollback(Exception):
    pass


@contextmanager
def scratch_database(suffix: str, *, in_place: bool = False):
    """Run the block in the scratch database (or, `in_place`, in the current one), inside a
    transaction that is rolled back."""
    settings = connection.settings_dict
    old_name = settings["NAME"]
    if not in_place:
        settings.setdefault("TEST", {})["NAME"] = f"{old_name}_{suffix}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
    try:
        if not in_place:
            from statements.search.glossary import load_glossary
            from statements.speakers.reference import load_reference

            load_reference()
            load_glossary()
        try:
            with transaction.atomic():
                yield
                raise _Rollback
        except _Rollback:
            pass
    finally:
        if not in_place:
            connection.close()
            settings["NAME"] = old_name
