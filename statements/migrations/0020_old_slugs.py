"""Permalinks that last: the slugs meetings and speakers had before (OldSlug), each pointing at
its record, so an old URL redirects to the current one.

The database keeps them: a row trigger on each table records the old slug when a slug changes,
whatever writes it (the admin, a restore from the history, an update in bulk), and forgets an
old slug that a record takes again as its live one. Two records renamed in one transaction
each keep theirs; a slug given up by two records in turn leads to the later.
"""

import django.db.models.deletion
import django.db.models.functions.datetime
from django.db import migrations, models

FORWARD = """
CREATE FUNCTION statements_keep_old_slug() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    owner_kind text := TG_ARGV[0];
BEGIN
    DELETE FROM statements_oldslug o WHERE o.kind = owner_kind AND o.slug = NEW.slug;
    INSERT INTO statements_oldslug (kind, slug, meeting_id, speaker_id, changed_at)
    VALUES (
        owner_kind,
        OLD.slug,
        CASE WHEN owner_kind = 'meeting' THEN NEW.id END,
        CASE WHEN owner_kind = 'speaker' THEN NEW.id END,
        now()
    )
    ON CONFLICT (kind, slug) DO UPDATE
       SET meeting_id = EXCLUDED.meeting_id,
           speaker_id = EXCLUDED.speaker_id,
           changed_at = EXCLUDED.changed_at;
    RETURN NULL;
END;
$$;
CREATE TRIGGER statements_meeting_keeps_old_slug AFTER UPDATE OF slug ON statements_meeting
FOR EACH ROW WHEN (OLD.slug IS DISTINCT FROM NEW.slug)
EXECUTE FUNCTION statements_keep_old_slug('meeting');
CREATE TRIGGER statements_speaker_keeps_old_slug AFTER UPDATE OF slug ON statements_speaker
FOR EACH ROW WHEN (OLD.slug IS DISTINCT FROM NEW.slug)
EXECUTE FUNCTION statements_keep_old_slug('speaker');
"""

BACKWARD = """
DROP TRIGGER IF EXISTS statements_meeting_keeps_old_slug ON statements_meeting;
DROP TRIGGER IF EXISTS statements_speaker_keeps_old_slug ON statements_speaker;
DROP FUNCTION IF EXISTS statements_keep_old_slug();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0019_source_reports"),
    ]

    operations = [
        migrations.CreateModel(
            name="OldSlug",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("meeting", "Meeting"), ("speaker", "Speaker")], max_length=10
                    ),
                ),
                ("slug", models.SlugField(allow_unicode=True, max_length=200)),
                (
                    "changed_at",
                    models.DateTimeField(db_default=django.db.models.functions.datetime.Now()),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="old_slugs",
                        to="statements.meeting",
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="old_slugs",
                        to="statements.speaker",
                    ),
                ),
            ],
            options={
                "ordering": ["kind", "slug"],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "slug"), name="oldslug_unique"),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("kind", "meeting"),
                                ("meeting__isnull", False),
                                ("speaker__isnull", True),
                            ),
                            models.Q(
                                ("kind", "speaker"),
                                ("speaker__isnull", False),
                                ("meeting__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="oldslug_of_its_kind",
                    ),
                ],
            },
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
