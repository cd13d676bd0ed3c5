import pytest

from demo.loader import load_demo_data
from trainings import selectors
from trainings.enums import TrainingKind
from trainings.models import Attendance, Registration, Training

pytestmark = pytest.mark.django_db


def test_demo_trainings_of_the_real_programme(demo):
    trainings = list(Training.objects.order_by("pk"))
    assert [t.kind for t in trainings] == [
        TrainingKind.QUARTERLY,
        TrainingKind.QUARTERLY,
        TrainingKind.QUARTERLY,
        TrainingKind.PREPARATORY_DAY,
        TrainingKind.CITIZEN_MEDIA,
    ]
    first = trainings[0]
    assert first.sessions.count() == 2
    assert first.trainer_organisations.get().slug == "openscop"
    assert selectors.trainings_counted(first.programme) == 1
    preparatory = trainings[3]
    assert [s.activity.split(" :")[0] for s in preparatory.sessions.all()] == ["Formation", "Jeu"]
    assert trainings[4].trainer_organisations.get().slug == "o2zone"
    assert trainings[4].public_registration


def test_demo_is_idempotent(demo):
    counts = (Training.objects.count(), Registration.objects.count(), Attendance.objects.count())
    load_demo_data()
    assert counts == (
        Training.objects.count(),
        Registration.objects.count(),
        Attendance.objects.count(),
    )
