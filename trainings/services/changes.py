"""Every change of a training is announced to its programme's open pages."""

from core.changes import ChangeKind, announce

from ..models import (
    Training,
)


def announce_training(training: Training) -> None:
    announce(ChangeKind.TRAINING, pk=training.pk, programme_id=training.programme_id)
