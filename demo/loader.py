"""The demo data of the real programme (seeds/004), as ``make run`` loads them.

Idempotent: records are found by their natural key first, so running it again changes
nothing. Each part lives beside the others: the programme and its journal
(``accompaniment``), the public site (``public_site``), the agenda (``agenda_data``),
the trainings (``trainings_data``), the end-of-programme narrative's author (SKEMA),
the newsletter (``newsletter_data``), pilot 1's visitor study (``study_data``),
the collaborative platform's spaces and wiki
(``collab_data``) and its shared documents (``collab_documents``).
"""

from django.db import transaction

from progress.models import ProgrammeEndNarrative

from .accompaniment import ACCOUNTS, DEMO_PASSWORD, PROGRAMME, load_accompaniment
from .agenda_data import load_demo_agenda
from .collab_data import load_demo_collab
from .collab_documents import load_demo_documents
from .collab_threads_data import load_demo_threads
from .newsletter_data import load_demo_newsletter
from .public_site import ensure_home_page, load_public_site
from .study_data import load_demo_study
from .trainings_data import load_demo_trainings

__all__ = ["ACCOUNTS", "DEMO_PASSWORD", "PROGRAMME", "load_demo_data"]


@transaction.atomic
def load_demo_data(*, stdout=None) -> dict:
    """Create or complete the demo programme and everything around it; return the
    accounts by username."""
    programme, organisations, users = load_accompaniment()
    ensure_home_page(programme)
    load_public_site(programme)
    load_demo_agenda(programme, users)
    load_demo_trainings(programme, users, organisations)
    load_demo_reports(programme, organisations)
    load_demo_newsletter(programme, users, organisations)
    load_demo_study(programme, users, organisations)
    load_demo_collab(programme, users)
    load_demo_documents(programme, users)
    load_demo_threads(programme, users)
    return users


def load_demo_reports(programme, organisations):
    """SKEMA documents the programme: its members write the end-of-programme narrative
    with the resource persons (the draft starts empty)."""
    ProgrammeEndNarrative.objects.get_or_create(
        programme=programme,
        defaults={"documentation_partner": organisations["skema-business-school"]},
    )
