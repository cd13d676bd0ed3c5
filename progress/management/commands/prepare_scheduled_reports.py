"""Daily: queue the reports whose period ended (cron or a systemd timer, see
docs/operations.md). The work runs in the task worker; with the immediate backend (the
embedded default), here and now."""

from django.core.management.base import BaseCommand

from progress.tasks import prepare_scheduled_reports


class Command(BaseCommand):
    help = "Prépare les rapports périodiques dont la période vient de se terminer."

    def handle(self, *args, **options):
        result = prepare_scheduled_reports.enqueue()
        self.stdout.write("Tâche %s mise en file." % result.id)
