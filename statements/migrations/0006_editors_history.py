"""History tables for editors' changes (django-simple-history) and the Editors group.

The group gets exactly what editing needs: the archive's own models, plus the custom
`publish_meeting` permission; nothing of auth (users, groups, permissions), sessions, axes or
the admin log. Permissions are created here (not left to post_migrate) so that a fresh
database has the group complete after `migrate`.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

EDITOR_PERMISSIONS = {
    # Meetings are unpublished, not deleted: deleting one would take its passages along.
    "meeting": ("view", "add", "change"),
    "claim": ("view", "add", "change", "delete"),
    "speaker": ("view", "add", "change", "delete"),
    "alias": ("view", "add", "change", "delete"),
    "topic": ("view", "add", "change", "delete"),
    "participation": ("view", "add", "change", "delete"),
    "passage": ("view",),
    "source": ("view",),
}
CUSTOM_PERMISSIONS = {"meeting": [("publish_meeting", "Can publish and unpublish meetings")]}


def create_editors(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Editors")
    for model, actions in EDITOR_PERMISSIONS.items():
        ct, _ = ContentType.objects.get_or_create(app_label="statements", model=model)
        verbose = apps.get_model("statements", model)._meta.verbose_name
        wanted = [(f"{a}_{model}", f"Can {a} {verbose}") for a in actions]
        for codename, name in wanted + CUSTOM_PERMISSIONS.get(model, []):
            perm, _ = Permission.objects.get_or_create(
                content_type=ct, codename=codename, defaults={"name": name}
            )
            group.permissions.add(perm)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="statements", codename="publish_meeting"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0005_search_vocabulary"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalAlias",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("text", models.CharField(max_length=200)),
                (
                    "language",
                    models.CharField(
                        choices=[("ur", "Urdu"), ("en", "English"), ("ur-Latn", "Roman Urdu")],
                        default="ur",
                        max_length=8,
                    ),
                ),
                (
                    "exclude_before",
                    models.CharField(
                        blank=True,
                        help_text="Space-separated words: when one of them directly precedes this form, it is not this topic (e.g. آج before شام means 'this evening', not Syria).",
                        max_length=300,
                    ),
                ),
                (
                    "exclude_after",
                    models.CharField(
                        blank=True,
                        help_text="Space-separated words: when one of them directly follows this form, it is not this topic.",
                        max_length=300,
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="statements.speaker",
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="statements.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical alias",
                "verbose_name_plural": "historical aliases",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalClaim",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "text",
                    models.TextField(help_text="Verbatim: always equal to source.text[start:end]."),
                ),
                ("start", models.PositiveIntegerField()),
                ("end", models.PositiveIntegerField()),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("assertion", "Assertion"),
                            ("evaluation", "Evaluation"),
                            ("commitment", "Commitment"),
                            ("proposal", "Proposal"),
                        ],
                        default="assertion",
                        max_length=20,
                    ),
                ),
                ("reporting_phrase", models.CharField(blank=True, max_length=300)),
                (
                    "attribution",
                    models.CharField(
                        help_text="How the speaker was attributed: the extractor rule, or 'editor'.",
                        max_length=60,
                    ),
                ),
                (
                    "review_status",
                    models.CharField(
                        choices=[
                            ("extracted", "Extracted"),
                            ("needs_review", "Needs review"),
                            ("accepted", "Accepted"),
                            ("rejected", "Rejected"),
                        ],
                        default="extracted",
                        max_length=20,
                    ),
                ),
                ("review_note", models.TextField(blank=True)),
                (
                    "translation_en",
                    models.TextField(blank=True, verbose_name="English translation"),
                ),
                ("editor_note", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="statements.meeting",
                    ),
                ),
                (
                    "passage",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="statements.passage",
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="statements.speaker",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical claim",
                "verbose_name_plural": "historical claims",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalClaim_topics",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="statements.claim",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="statements.historicalclaim",
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="statements.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalClaim_topics",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMeeting",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "title",
                    models.CharField(help_text="The title as in the source.", max_length=500),
                ),
                (
                    "title_en",
                    models.CharField(blank=True, max_length=500, verbose_name="English title"),
                ),
                ("date", models.DateField()),
                ("place", models.CharField(blank=True, max_length=200)),
                ("duration_minutes", models.PositiveIntegerField(blank=True, null=True)),
                (
                    "duration_text",
                    models.CharField(
                        blank=True,
                        help_text="The duration as the source states it.",
                        max_length=200,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        default="draft",
                        max_length=10,
                    ),
                ),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("slug", models.SlugField(max_length=200)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="statements.source",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical meeting",
                "verbose_name_plural": "historical meetings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSpeaker",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="Urdu name")),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=200, verbose_name="English name"),
                ),
                ("role", models.CharField(blank=True, max_length=200, verbose_name="role (Urdu)")),
                (
                    "role_en",
                    models.CharField(blank=True, max_length=200, verbose_name="role (English)"),
                ),
                (
                    "country",
                    models.CharField(
                        blank=True, help_text="ISO 3166-1 alpha-2 code, upper case.", max_length=2
                    ),
                ),
                ("wikidata_id", models.CharField(blank=True, max_length=20)),
                ("slug", models.SlugField(allow_unicode=True, max_length=200)),
                (
                    "is_provisional",
                    models.BooleanField(
                        default=False,
                        help_text="Created by the extractor for a subject it could not resolve; to be merged or completed by an editor.",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical speaker",
                "verbose_name_plural": "historical speakers",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalTopic",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="Urdu name")),
                ("name_en", models.CharField(max_length=200, verbose_name="English name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("country", "Country"),
                            ("place", "Place"),
                            ("organisation", "Organisation"),
                            ("person", "Person"),
                            ("subject", "Subject"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "country",
                    models.CharField(
                        blank=True,
                        help_text="ISO 3166-1 alpha-2 code of the country concerned.",
                        max_length=2,
                    ),
                ),
                ("wikidata_id", models.CharField(blank=True, max_length=20)),
                ("slug", models.SlugField(allow_unicode=True, max_length=200)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="For a person: the speaker record, whose aliases then also mark mentions.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="statements.speaker",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical topic",
                "verbose_name_plural": "historical topics",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalParticipation",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(blank=True, help_text="e.g. host, guest", max_length=100),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="statements.meeting",
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="statements.speaker",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical participation",
                "verbose_name_plural": "historical participations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(create_editors, remove_editors),
    ]
