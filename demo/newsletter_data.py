"""The demo's newsletter: issue n° 1 of the current month, planned in four sections
(Made in la Boate, SKEMA, the resource person's OpenScop, MoviLab), dated from the
load day: two due in five days, one in a week, the resource person's already a day
late (the periodic run reminds it). La Boate's section is begun: a paragraph, the
photo of its repair café published in the media library, a link to the repair café
sheet. A few confirmed subscribers receive it once the editor publishes it.

Idempotent: the issue is found by its number; an issue already there is left as is.
"""

import datetime

from django.utils import timezone

from cms.models import CodeSourceSheet, MediaItem
from newsletter.enums import ConsentSource, SubscriberStatus
from newsletter.models import NewsletterIssue, Subscriber
from newsletter.services import issues

from .public_site import PHOTO

#: (title, organisation slug, deadline in days from the load day)
SECTIONS = [
    ("Made in la Boate ouvre son atelier de réparation", "made-in-la-boate", 5),
    ("SKEMA : ce que les étudiants ont appris des ERIC", "skema-business-school", 5),
    ("Le mot de la personne ressource", "openscop", -1),
    ("MoviLab : documenter son tiers-lieu en commun", "movilab", 7),
]

#: La Boate's draft: its text, then the sheet it links to.
BOATE_DRAFT = (
    "Chaque premier samedi du mois, l'atelier de réparation accueille les habitants "
    "et leurs appareils en panne."
)
BOATE_SHEET = "organiser-un-repair-cafe-multi-partenaires"

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
    _begin_boate_section(issue, users)
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


def _begin_boate_section(issue, users) -> None:
    """La Boate's section, begun by its team: once, while it is still empty."""
    section = issue.sections.filter(organisation__slug="made-in-la-boate").first()
    if section is None or section.body or issue.is_published or "boate" not in users:
        return
    photos = list(MediaItem.objects.publishable().filter(title=PHOTO["title"])[:1])
    sheets = list(CodeSourceSheet.objects.live().filter(slug=BOATE_SHEET)[:1])
    issues.section_write(
        by=users["boate"],
        section=section,
        body=BOATE_DRAFT,
        submit=False,
        images=photos,
        sheets=sheets,
    )
