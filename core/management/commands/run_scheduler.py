"""The ``clock`` process of platform/Procfile: enqueue the periodic jobs when due."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from core.schedule import enqueue_due_jobs, periodic_jobs


class Command(BaseCommand):
    help = (
        "Met en file les tâches périodiques quand elles sont dues (processus « clock » "
        "du Procfile) ; le worker les exécute."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Un seul passage, puis s'arrêter.")
        parser.add_argument("--list", action="store_true", help="Lister les tâches périodiques.")

    def handle(self, *args, once=False, list=False, **options):
        if list:
            for job in periodic_jobs():
                when = (
                    "tous les jours à %s" % job.daily_at.strftime("%H:%M")
                    if job.daily_at
                    else "toutes les %d min" % (job.every.total_seconds() // 60)
                )
                self.stdout.write("%s : %s" % (job.name, when))
            return
        while True:
            for name in enqueue_due_jobs():
                self.stdout.write("%s mise en file." % name)
            if once:
                return
            time.sleep(settings.SCHEDULER_TICK_SECONDS)
