from django.core.management.base import BaseCommand
from django.utils import timezone

from trainings.services import evaluation_requests_due


class Command(BaseCommand):
    help = (
        "Send the evaluation questionnaire of every training whose last half-day has ended "
        "and that was never sent. Run it daily (see docs/operations.md)."
    )

    def handle(self, *args, **options):
        count = evaluation_requests_due(now=timezone.now())
        self.stdout.write("%d participant(s) asked to evaluate their training." % count)
