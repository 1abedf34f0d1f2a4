"""Sources' reports: editors may correct them, and the seed's names its publisher.

Editors get `change_source`: the admin lets them correct a source's report (publisher, URL,
dates, languages), never its text. An archive that ingested seeds/000_6e83539992437108.txt
before sources had publishers gets them here (a fresh archive reads them from
seeds/sources.json when `manage.py ingest` loads the seed). Khamenei's office publishes the
report in its Urdu service, and the report names him "رہبر انقلاب اسلامی" (the Leader of the
Islamic Revolution); its original URL is unknown, so it stays empty and pages say so. A source
an editor has already given a publisher is left as it is.
"""

import datetime

from django.db import migrations

SEED_SHA256 = "954fece3d3c29fa05fa06a8350f328acc01850b79e76c0f22aae2bb7a80cfa19"
SEED_SOURCE = {
    "publisher": "دفتر رہبر انقلاب اسلامی (اردو سروس)",
    "publisher_en": "Office of the Leader of the Islamic Revolution (Urdu service)",
    "url": "",
    "published_on": datetime.date(2015, 11, 24),
    "language": "ur",
}


def name_the_publisher(apps, schema_editor):
    Source = apps.get_model("statements", "Source")
    Source.objects.filter(sha256=SEED_SHA256, publisher="").update(**SEED_SOURCE)


def editors_correct_sources(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    ct, _ = ContentType.objects.get_or_create(app_label="statements", model="source")
    perm, _ = Permission.objects.get_or_create(
        content_type=ct, codename="change_source", defaults={"name": "Can change source"}
    )
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(perm)


def editors_only_read_sources(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(*group.permissions.filter(codename="change_source"))


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0018_source_metadata"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(name_the_publisher, migrations.RunPython.noop),
        migrations.RunPython(editors_correct_sources, editors_only_read_sources),
    ]
