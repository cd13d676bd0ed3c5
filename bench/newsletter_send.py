"""Benchmark: send one issue to 10,000 subscribers through a local SMTP sink, one worker.

Usage: .venv/bin/python bench/newsletter_send.py [--subscribers 10000] [--batch 200]
Runs on a throw-away SQLite database (or on DATABASE_URL's PostgreSQL when set: use a
database you can drop). Three processes, so that the worker's figures are its own: the
set-up (migrations, the issue, the subscribers), the SMTP sink (aiosmtpd, counting
messages) and the worker, which runs the same code as the task
(``newsletter.services.sending.send_due_deliveries``). Prints the sending time, the
worker's peak memory (its maximum resident set) and checks the per-recipient log is
complete (every delivery ``sent``, as many messages received). Goal: < 60 s, < 250 MB.
"""

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def setup(count: int) -> None:
    _django()
    import datetime

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from newsletter.enums import IssueStatus, SectionStatus
    from newsletter.models import NewsletterIssue, Section, Subscriber
    from organisations.enums import OrganisationKind
    from tests.factories import make_organisation, make_programme

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        funder = make_organisation(name="Région bench", kind=OrganisationKind.FUNDER)
        programme = make_programme(funder=funder, start_date=datetime.date(2026, 9, 1))
        issue = NewsletterIssue.objects.create(
            programme=programme,
            number=1,
            month=datetime.date(2026, 10, 1),
            title="Lettre de banc d'essai",
            status=IssueStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(4):
            Section.objects.create(
                issue=issue,
                position=n + 1,
                title="Rubrique %d" % (n + 1),
                organisation=make_organisation(name="Contributeur %d" % n),
                deadline=datetime.date(2026, 9, 25),
                status=SectionStatus.SUBMITTED,
                body="<p>%s</p>" % ("Un paragraphe de la rubrique, avec un lien. " * 30),
            )
        Subscriber.objects.bulk_create(
            (
                Subscriber(
                    email="abonne%05d@exemple.fr" % n,
                    status="confirmed",
                    consent_source="import",
                    consent_text="banc d'essai",
                )
                for n in range(count)
            ),
            batch_size=2000,
        )
    from newsletter.services.sending import queue_deliveries

    print(json.dumps({"issue": issue.pk, "deliveries": queue_deliveries(issue)}))


def sink(port: int) -> None:
    from aiosmtpd.controller import Controller

    class Counter:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Counter.count += 1
            return "250 OK"

    # block the signals first (the server's thread inherits the mask): sigwait takes them
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()
    print(json.dumps({"received": Counter.count}), flush=True)


def worker(port: int, issue_id: int, batch: int, wal: bool) -> None:
    _django()
    from django.conf import settings
    from django.db import connection

    if wal and connection.vendor == "sqlite":
        # SQLite's default journal syncs the disk at every commit (one per message)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.NEWSLETTER_BATCH_SIZE = batch
    from collections import Counter

    from newsletter.models import Delivery
    from newsletter.services.sending import send_due_deliveries

    started = time.perf_counter()
    outcome = send_due_deliveries(issue_id)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    states = Counter(Delivery.objects.filter(issue_id=issue_id).values_list("state", flat=True))
    print(
        json.dumps(
            {
                "seconds": round(seconds, 1),
                "peak_mb": round(peak_kb / 1024, 1),
                "outcome": outcome,
                "log": dict(states),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--role", choices=["setup", "sink", "worker"])
    parser.add_argument("--port", type=int)
    parser.add_argument("--issue", type=int)
    parser.add_argument(
        "--wal",
        action="store_true",
        help="SQLite only: write-ahead log and synchronous=NORMAL in the worker",
    )
    args = parser.parse_args()
    if args.role == "setup":
        return setup(args.subscribers)
    if args.role == "sink":
        return sink(args.port)
    if args.role == "worker":
        return worker(args.port, args.issue, args.batch, args.wal)

    env = dict(os.environ)
    env.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-newsletter-"))
    me = [sys.executable, __file__]
    print("Setting up %d subscribers…" % args.subscribers, flush=True)
    print(
        "Database: %s"
        % (
            "DATABASE_URL"
            if env.get("DATABASE_URL")
            else "SQLite, %s"
            % (
                "WAL, synchronous=NORMAL"
                if args.wal
                else "default journal (a disk sync per commit)"
            )
        ),
        flush=True,
    )
    made = subprocess.run(
        [*me, "--role", "setup", "--subscribers", str(args.subscribers)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    issue = json.loads(made.stdout.strip().splitlines()[-1])
    from tests.newsletter.smtp import free_port

    port = free_port()
    sink_process = subprocess.Popen(
        [*me, "--role", "sink", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert sink_process.stdout.readline().strip() == "ready"
    try:
        run = subprocess.run(
            [*me, "--role", "worker", "--port", str(port), "--issue", str(issue["issue"])]
            + ["--batch", str(args.batch)]
            + (["--wal"] if args.wal else []),
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        sink_process.send_signal(signal.SIGTERM)
        received = json.loads(sink_process.stdout.read().strip().splitlines()[-1])["received"]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    complete = result["log"] == {"sent": issue["deliveries"]} and received == issue["deliveries"]
    print(
        "Sent %d messages in %.1f s (%.0f/s), worker peak memory %.0f MB; "
        "log complete: %s (received by the sink: %d; log: %s)"
        % (
            issue["deliveries"],
            result["seconds"],
            issue["deliveries"] / max(result["seconds"], 0.001),
            result["peak_mb"],
            "yes" if complete else "NO",
            received,
            result["log"],
        )
    )
    print(
        "Goal: < 60 s and < 250 MB: %s"
        % ("met" if result["seconds"] < 60 and result["peak_mb"] < 250 else "NOT met")
    )
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
