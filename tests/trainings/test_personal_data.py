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


def test_the_questionnaire_goes_out_once_after_the_last_half_day(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    from django.core import mail

    from trainings import services
    from trainings.enums import AttendanceStatus

    give_email(world.team_a)
    held = make_training(world, day_offset=-2)
    coming = make_training(world, day_offset=5)
    registration = register_external(held, by=world.admin)
    register_external(coming, by=world.admin)
    for session in held.sessions.all():
        services.attendance_record(
            by=world.admin, session=session, statuses={registration.pk: AttendanceStatus.PRESENT}
        )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_training_evaluations")
    assert [message.to for message in mail.outbox] == [[registration.email]]
    held.refresh_from_db()
    assert held.evaluation_requested_at is not None

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_training_evaluations")
    assert mail.outbox == []  # once only; the manager's button can still send reminders
