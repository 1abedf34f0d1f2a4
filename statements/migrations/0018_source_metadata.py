"""What a citation needs to name the report, not the file: a source's publisher or outlet (as
it names itself, and in English), original URL (empty when unknown), publication date, and for
a translation the original's language; languages are ISO 639 codes.

Pages show these, so a change to a source now also changes the archive's version (migration
0013's change log), which cached pages and counts are keyed by.
"""

from django.db import migrations, models

VERSION_TRIGGER = """
CREATE TRIGGER statements_source_bumps_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
ON statements_source FOR EACH STATEMENT EXECUTE FUNCTION statements_bump_archive_version();
"""
DROP_VERSION_TRIGGER = (
    "DROP TRIGGER IF EXISTS statements_source_bumps_version ON statements_source;"
)


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0017_speakers_roles_reference"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="original_language",
            field=models.CharField(
                blank=True,
                default="",
                db_default="",
                help_text="For a translation: the language of the original (ISO 639 code); else empty.",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="published_on",
            field=models.DateField(
                blank=True,
                help_text="When the report was published.",
                null=True,
                verbose_name="publication date",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="publisher",
            field=models.CharField(
                blank=True,
                default="",
                db_default="",
                help_text="Who published the report, as it names itself (Urdu or English).",
                max_length=300,
                verbose_name="publisher or outlet",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="publisher_en",
            field=models.CharField(
                blank=True,
                default="",
                db_default="",
                help_text="The publisher's name in English, for citations; empty when it is the same.",
                max_length=300,
                verbose_name="publisher in English",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="url",
            field=models.URLField(
                blank=True,
                default="",
                db_default="",
                help_text="Where the report was published; empty when unknown.",
                max_length=500,
                verbose_name="original URL",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="language",
            field=models.CharField(
                default="ur", help_text="Language of the text: an ISO 639 code (ur).", max_length=8
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("language__regex", "^[a-z]{2,3}$"),
                    models.Q(
                        ("original_language", ""),
                        ("original_language__regex", "^[a-z]{2,3}$"),
                        _connector="OR",
                    ),
                ),
                name="source_languages_iso",
            ),
        ),
        migrations.RunSQL(VERSION_TRIGGER, DROP_VERSION_TRIGGER),
    ]
