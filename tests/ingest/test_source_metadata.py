"""A source records the report it is: publisher (as it names itself and in English), original
URL (empty when unknown), publication date and languages. `manage.py ingest` reads them from a
sources.json beside the documents; the seed's names Khamenei's office's Urdu service."""

import datetime
import importlib
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from statements.models import Meeting, Source

pytestmark = pytest.mark.django_db

REPORT = "2016 /Feb/ 9 - سفیروں کی ملاقات\n\nروس کے صدر ولادیمیر پیوٹن نے کہا کہ تعاون اہم ہے۔\n"
SEED_PUBLISHER_EN = "Office of the Leader of the Islamic Revolution (Urdu service)"


def test_the_seed_names_its_publisher_and_says_its_url_is_unknown(seeded):
    source = seeded.source
    assert source.publisher_en == SEED_PUBLISHER_EN
    assert source.publisher == "دفتر رہبر انقلاب اسلامی (اردو سروس)"
    assert source.url == ""  # unknown, not invented
    assert source.published_on == datetime.date(2015, 11, 24)
    assert (source.language, source.original_language) == ("ur", "")
    assert not source.is_translation


def write_report(folder, name="report.txt", text=REPORT):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_a_sidecar_gives_each_document_its_report(tmp_path):
    path = write_report(tmp_path / "docs")
    (path.parent / "sources.json").write_text(
        json.dumps(
            {
                "report.txt": {
                    "publisher": "Dawn",
                    "url": "https://example.org/dawn/1",
                    "published_on": "2016-02-10",
                    "language": "ur",
                    "original_language": "en",
                }
            }
        ),
        encoding="utf-8",
    )
    call_command("ingest", str(path.parent), stdout=io.StringIO())
    source = Source.objects.get(origin="report.txt")
    assert (source.publisher, source.url) == ("Dawn", "https://example.org/dawn/1")
    assert source.published_on == datetime.date(2016, 2, 10)
    assert source.is_translation


def test_a_document_without_an_entry_has_no_publisher(tmp_path):
    call_command("ingest", str(write_report(tmp_path / "docs")), stdout=io.StringIO())
    source = Source.objects.get(origin="report.txt")
    assert (source.publisher, source.url, source.published_on) == ("", "", None)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"publisher": "Dawn", "outlet": "x"}, "unknown field"),
        ({"published_on": "10 Feb 2016"}, "published_on must be a date"),
        ({"language": "Urdu"}, "ISO 639"),
    ],
)
def test_a_bad_sidecar_stops_the_run_and_writes_nothing(tmp_path, entry, message):
    path = write_report(tmp_path / "docs")
    (path.parent / "sources.json").write_text(json.dumps({"report.txt": entry}))
    with pytest.raises(CommandError, match=message):
        call_command("ingest", str(path), stdout=io.StringIO())
    assert not Source.objects.exists()


def test_a_changed_version_keeps_the_report_it_belongs_to(seeded, tmp_path, seed_bytes):
    changed = tmp_path / seeded.source.origin
    changed.write_bytes(seed_bytes + "\nایک نیا جملہ۔\n".encode())
    call_command("ingest", str(changed), stdout=io.StringIO())
    new = Meeting.objects.get(source__version=2).source
    assert (new.publisher_en, new.published_on) == (SEED_PUBLISHER_EN, seeded.source.published_on)


def test_languages_are_iso_codes_in_the_database(seeded):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Source.objects.filter(pk=seeded.source.pk).update(original_language="English")


def test_the_data_migration_names_the_publisher_of_an_already_ingested_seed(seeded):
    Source.objects.filter(pk=seeded.source.pk).update(publisher="", publisher_en="")
    migration = importlib.import_module("statements.migrations.0019_source_reports")
    migration.name_the_publisher(apps, None)
    seeded.source.refresh_from_db()
    assert seeded.source.publisher_en == SEED_PUBLISHER_EN


def test_the_data_migration_leaves_a_publisher_an_editor_gave(seeded):
    Source.objects.filter(pk=seeded.source.pk).update(publisher="ادارہ", publisher_en="")
    migration = importlib.import_module("statements.migrations.0019_source_reports")
    migration.name_the_publisher(apps, None)
    seeded.source.refresh_from_db()
    assert (seeded.source.publisher, seeded.source.publisher_en) == ("ادارہ", "")
