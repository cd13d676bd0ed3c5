"""The ``inbound`` process of platform/Procfile: the discussion list's SMTP endpoint."""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from collab.inbound import inbound_controller


class Command(BaseCommand):
    help = (
        "Reçoit les réponses par courriel aux messages de la liste de discussion (processus "
        "« inbound » du Procfile) et les publie dans leur fil."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.COLLAB_INBOUND_SMTP_HOST)
        parser.add_argument("--port", type=int, default=settings.COLLAB_INBOUND_SMTP_PORT)

    def handle(self, *args, host, port, **options):
        controller = inbound_controller(host, port)
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        controller.start()
        self.stdout.write("Réponses par courriel reçues sur %s:%s." % (host, port))
        try:
            stop.wait()
        finally:
            controller.stop()
