"""External participants' names and e-mails are erased after the retention period."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from trainings.models import Registration
from trainings.services import ANONYMISED_NAME, anonymise_expired_registrations

from .factories import give_email, make_training, register_external


def test_external_participants_are_anonymised_after_the_retention_period(world, settings):
    give_email(world.team_a)
    old = make_training(world, day_offset=-200)
    recent = make_training(world, day_offset=-1)
    old_external = register_external(old, by=world.admin, name="Camille Ancienne")
    recent_external = register_external(recent, by=world.admin, name="Dominique Récente")

    now = timezone.now()
    assert anonymise_expired_registrations(now=now, months=6) == 1
    old_external.refresh_from_db()
    recent_external.refresh_from_db()
    assert old_external.full_name == ANONYMISED_NAME
    assert old_external.email.endswith("@invalid.example")
    assert old_external.organisation_name.startswith("Association")  # kept for the summary
    assert recent_external.full_name.startswith("Dominique")
    # Running again changes nothing.
    assert anonymise_expired_registrations(now=now, months=6) == 0
    # Once the recent training is old enough, its turn comes.
    later = now + datetime.timedelta(days=200)
    assert anonymise_expired_registrations(now=later, months=6) == 1


def test_the_command_uses_the_retention_setting(world, settings, capsys):
    training = make_training(world, day_offset=-3)
    register_external(training, by=world.admin)
    settings.TRAINING_PERSONAL_DATA_RETENTION_MONTHS = 36
    call_command("anonymise_training_participants")
    assert "0 registration(s) anonymised (retention: 36 months)" in capsys.readouterr().out
    assert not Registration.objects.filter(full_name=ANONYMISED_NAME).exists()
