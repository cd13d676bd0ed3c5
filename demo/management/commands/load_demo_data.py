from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import ACCOUNTS, DEMO_PASSWORD, load_demo_data


class Command(BaseCommand):
    help = "Load the demo programme (seeds/004) and its accounts. Idempotent; DEBUG only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refused: the demo data and their known passwords are for development "
                "only (DEBUG is off)."
            )
        load_demo_data()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write("Comptes de démonstration (mot de passe « %s ») :" % DEMO_PASSWORD)
        self.stdout.write("  admin       administrateur·rice")
        for username, _first, _last, org_slug, role in ACCOUNTS:
            self.stdout.write("  %-11s %s, %s" % (username, role.label, org_slug))
