"""Builders for the trainings' tests: through the services production uses."""

import datetime
import itertools

from django.utils import timezone

from organisations.enums import OrganisationKind, Role
from tests.factories import make_organisation, make_user
from trainings import services
from trainings.enums import SessionSlot, TrainingKind

_sequence = itertools.count(1)


def local_datetime(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_current_timezone()
    )


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def make_trainer(world):
    """A trainer organisation (like OpenScop) and its partner contributor."""
    organisation = make_organisation(name="OpenScop test", kind=OrganisationKind.CONSULTANCY)
    user = make_user(
        username="trainer%d" % next(_sequence),
        organisation=organisation,
        role=Role.PARTNER,
        email="formateur%d@example.org" % next(_sequence),
        first_name="Yoann",
        last_name="Duriaux",
    )
    return organisation, user


def make_training(
    world,
    *,
    by=None,
    capacity=10,
    day_offset=-2,
    half_days=2,
    trainer_organisations=(),
    **fields,
):
    """A training of the world's programme with ``half_days`` sessions on one day.

    ``day_offset`` is the day relative to today: negative for a training already held.
    """
    by = by or world.admin
    training = services.training_create(
        by=by,
        programme=world.programme,
        title=fields.pop("title", "Formation %d" % next(_sequence)),
        kind=fields.pop("kind", TrainingKind.QUARTERLY),
        capacity=capacity,
        place=fields.pop("place", "La Bo[a]te, Marseille"),
        trainer_organisations=trainer_organisations,
        **fields,
    )
    day = days_from_today(day_offset)
    slots = [(SessionSlot.MORNING, 9, 30, 12, 30), (SessionSlot.AFTERNOON, 14, 0, 17, 30)]
    for slot, start_h, start_m, end_h, end_m in slots[:half_days]:
        services.session_create(
            by=by,
            training=training,
            slot=slot,
            starts_at=local_datetime(day, start_h, start_m),
            ends_at=local_datetime(day, end_h, end_m),
        )
    return training


def give_email(*users):
    for user in users:
        if not user.email:
            user.email = "%s@example.org" % user.username
            user.save(update_fields=["email"])
    return users


def register_external(training, *, by, name="Participant", email=None):
    n = next(_sequence)
    return services.registration_create(
        by=by,
        training=training,
        full_name="%s %d" % (name, n),
        email=email or "externe%d@example.org" % n,
        organisation_name="Association %d" % n,
        consent=True,
    )
