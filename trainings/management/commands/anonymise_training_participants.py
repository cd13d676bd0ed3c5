from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from trainings.services import anonymise_expired_registrations


class Command(BaseCommand):
    help = (
        "Erase the names and e-mails of external training participants once the retention "
        "period after their training is over (TRAINING_PERSONAL_DATA_RETENTION_MONTHS). "
        "Run it daily (see docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None)

    def handle(self, *args, months=None, **options):
        months = months or settings.TRAINING_PERSONAL_DATA_RETENTION_MONTHS
        count = anonymise_expired_registrations(now=timezone.now(), months=months)
        self.stdout.write("%d registration(s) anonymised (retention: %d months)." % (count, months))
