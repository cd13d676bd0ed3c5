"""The demo's newsletter: issue n° 1 of the current month, planned in four sections
(Made in la Boate, SKEMA, the resource person's OpenScop, MoviLab), dated from the
load day: two due in five days, one in a week, the resource person's already a day
late (the periodic run reminds it). A few confirmed subscribers receive it once the
editor publishes it.

Idempotent: the issue is found by its number; an issue already there is left as is.
"""

import datetime

from django.utils import timezone

from newsletter.enums import ConsentSource, SubscriberStatus
from newsletter.models import NewsletterIssue, Subscriber
from newsletter.services import issues

#: (title, organisation slug, deadline in days from the load day)
SECTIONS = [
    ("Made in la Boate ouvre son atelier de réparation", "made-in-la-boate", 5),
    ("SKEMA : ce que les étudiants ont appris des ERIC", "skema-business-school", 5),
    ("Le mot de la personne ressource", "openscop", -1),
    ("MoviLab : documenter son tiers-lieu en commun", "movilab", 7),
]

SUBSCRIBERS = ["abonne1@demo.trajectoires.localhost", "abonne2@demo.trajectoires.localhost"]


def load_demo_newsletter(programme, users, organisations) -> NewsletterIssue:
    today = timezone.localdate()
    issue = NewsletterIssue.objects.filter(programme=programme, number=1).first()
    if issue is None:
        issue = issues.issue_create(
            by=users["editor"],
            programme=programme,
            number=1,
            month=today,
            title="Les ERIC en chemin vers les tiers-lieux",
            introduction=(
                "Premier numéro de la lettre co-écrite par les ERIC, la personne "
                "ressource, SKEMA et MoviLab."
            ),
        )
        for position, (title, slug, days) in enumerate(SECTIONS, start=1):
            issues.section_create(
                by=users["editor"],
                issue=issue,
                title=title,
                organisation=organisations[slug],
                deadline=today + datetime.timedelta(days=days),
                position=position,
            )
    now = timezone.now()
    for email in SUBSCRIBERS:
        Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "status": SubscriberStatus.CONFIRMED,
                "consent_source": ConsentSource.IMPORT,
                "consent_text": "Compte de démonstration.",
                "consented_at": now,
                "confirmed_at": now,
            },
        )
    return issue
