"""manage.py send_alerts [--dry-run]: mail every active search alert the claims published
since its last message (statements/alerts/sending.py), once each. For cron, every hour or day;
two runs at the same time share the work (each alert is locked while it is sent)."""

from django.core.management.base import BaseCommand

from statements.alerts.sending import send_alerts


class Command(BaseCommand):
    help = "Send search alerts: the new claims of each active alert, never twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be sent; send nothing"
        )

    def handle(self, *args, dry_run=False, **options):
        report = send_alerts(dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        for outcome in report.sent:
            alert, ids = outcome.alert, outcome.claim_ids
            shown = ", ".join(map(str, ids[:20])) + (", …" if len(ids) > 20 else "")
            self.stdout.write(
                f"alert {alert.pk} ({alert.email}, {alert.language}, ?{alert.search}): "
                f"{verb} {len(ids)} claims: {shown}"
            )
        for outcome in report.failed:
            self.stderr.write(f"alert {outcome.alert.pk}: not sent: {outcome.error}")
        self.stdout.write(
            f"{len(report.sent)} messages {verb}; {report.nothing_new} alerts with nothing new; "
            f"{report.skipped} held by another run; {len(report.failed)} failed."
        )
        if report.failed:
            raise SystemExit(1)
