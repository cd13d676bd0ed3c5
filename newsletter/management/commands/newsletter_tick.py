from django.core.management.base import BaseCommand

from newsletter.tasks import newsletter_tick


class Command(BaseCommand):
    help = (
        "Met en file le passage périodique de la lettre d'information (publications "
        "programmées, rappels, reprises d'envoi) pour le worker. À lancer toutes les 15 min."
    )

    def handle(self, *args, **options):
        result = newsletter_tick.enqueue()
        self.stdout.write("newsletter_tick: %s" % result.id)
