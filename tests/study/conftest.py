import datetime
import uuid

import pytest
from django.utils import timezone

from study import services
from study.models import Study, StudyEvent


@pytest.fixture
def fete(db):
    """The demo's Fête du Miel event, moved to today (Paris) so that the kiosk may
    record arrivals now; the demo's accounts. (Wagtail's root first: a transactional
    test run before may have emptied the tables.)"""
    from demo.loader import load_demo_data
    from tests.factories import ensure_wagtail_root

    ensure_wagtail_root()
    demo = load_demo_data()
    event = StudyEvent.objects.select_related("study", "questionnaire").get(
        study__title__startswith="Étude des visiteurs"
    )
    today = timezone.localdate()
    StudyEvent.objects.filter(pk=event.pk).update(start_date=today, end_date=today)
    event.refresh_from_db()
    return event, demo


@pytest.fixture
def kiosk(fete):
    event, users = fete
    kiosk, token = services.kiosk_enrol(by=users["mouans"], event=event, label="Tablette 1")
    return kiosk, token


def entry(**overrides):
    data = {
        "id": str(uuid.uuid4()),
        "consent": True,
        "arrived_at": (timezone.now() - datetime.timedelta(minutes=1)).isoformat(),
        "age_band": "25-39",
        "residence": "town",
        "first_visit": True,
        "heard_of": "passing",
        "motivations": ["discover", "learn"],
        "motivation_text": "",
        "activities": ["interview"],
        "companions": "family",
        "satisfaction": 4,
        "would_return": True,
    }
    data.update(overrides)
    return data


def study_of(event) -> Study:
    return event.study
