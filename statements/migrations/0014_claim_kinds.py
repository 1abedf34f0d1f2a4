"""Claims of three more kinds (denial, demand, warning: what a report's verb of saying often
says: تردید، مطالبہ، خبردار). (A claim's subject span is checked against the source by the
statement-level triggers of migration 0012.)
"""

from django.db import migrations, models

KINDS = [
    ("assertion", "Assertion"),
    ("evaluation", "Evaluation"),
    ("commitment", "Commitment"),
    ("proposal", "Proposal"),
    ("denial", "Denial"),
    ("demand", "Demand"),
    ("warning", "Warning"),
]


class Migration(migrations.Migration):
    dependencies = [("statements", "0013_archive_change_log")]

    operations = [
        migrations.AlterField(
            model_name="claim",
            name="kind",
            field=models.CharField(choices=KINDS, default="assertion", max_length=20),
        ),
        migrations.AlterField(
            model_name="historicalclaim",
            name="kind",
            field=models.CharField(choices=KINDS, default="assertion", max_length=20),
        ),
    ]
