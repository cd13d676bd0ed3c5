import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from icalendar import Calendar

from trainings import selectors, services
from trainings.enums import AttendanceStatus, ParticipantRole, RegistrationStatus
from trainings.models import Attendance, Registration, Training

from .factories import give_email, make_trainer, make_training, register_external

pytestmark = pytest.mark.django_db


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run the after-commit mails of the block, like a committed request would."""

    def _capture():
        return django_capture_on_commit_callbacks(execute=True)

    return _capture


def test_full_training_puts_the_next_person_on_the_waiting_list(world, mails):
    give_email(world.team_a, world.team_b)
    training = make_training(world, capacity=1, day_offset=10)
    with mails():
        first = services.registration_self(by=world.team_a, training=training)
        second = services.registration_self(by=world.team_b, training=training)
    assert first.status == RegistrationStatus.CONFIRMED
    assert second.status == RegistrationStatus.WAITING
    assert selectors.waiting_position(second) == 1
    subjects = [message.subject for message in mail.outbox]
    assert subjects[0].startswith("Inscription confirmée")
    assert subjects[1].startswith("Liste d'attente")
    assert "en position 1" in mail.outbox[1].body
    assert not mail.outbox[1].attachments


def test_cancelling_promotes_the_first_waiting_person_and_mails_them(world, mails):
    give_email(world.team_a, world.team_b)
    training = make_training(world, capacity=1, day_offset=10)
    first = services.registration_self(by=world.team_a, training=training)
    waiting_1 = register_external(training, by=world.admin, name="Premier")
    register_external(training, by=world.admin, name="Second")
    mail.outbox.clear()
    with mails():
        promoted = services.registration_cancel(by=world.team_a, registration=first)
    assert [p.pk for p in promoted] == [waiting_1.pk]
    waiting_1.refresh_from_db()
    assert waiting_1.status == RegistrationStatus.CONFIRMED
    assert waiting_1.promoted_at is not None
    assert list(training.registrations.confirmed()) == [waiting_1]
    assert training.registrations.waiting().count() == 1
    (message,) = mail.outbox
    assert message.to == [waiting_1.email]
    assert message.subject.startswith("Une place s'est libérée")
    assert message.attachments[0][0].endswith(".ics")


def test_someone_else_cannot_cancel_a_registration(world):
    give_email(world.team_a)
    training = make_training(world, day_offset=10)
    registration = services.registration_self(by=world.team_a, training=training)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(by=world.team_b, registration=registration)


def test_the_same_email_cannot_register_twice_whatever_its_case(world):
    training = make_training(world, day_offset=10)
    register_external(training, by=world.admin, email="lea@example.org")
    with pytest.raises(ValidationError) as error:
        register_external(training, by=world.admin, email="Lea@Example.org")
    assert error.value.message_dict["email"] == [
        "L'adresse Lea@Example.org est déjà inscrite à cette formation."
    ]
    assert training.registrations.count() == 1


def test_a_cancelled_person_may_register_again(world):
    training = make_training(world, day_offset=10)
    registration = register_external(training, by=world.admin, email="lea@example.org")
    services.registration_cancel(by=world.admin, registration=registration)
    again = register_external(training, by=world.admin, email="lea@example.org")
    assert again.status == RegistrationStatus.CONFIRMED


def test_external_registration_needs_consent(world):
    training = make_training(world, day_offset=10)
    with pytest.raises(ValidationError) as error:
        services.registration_create(
            by=world.admin,
            training=training,
            full_name="Jeanne Habitante",
            email="jeanne@example.org",
            consent=False,
        )
    assert "accord" in error.value.message_dict["consent"][0]
    assert not Registration.objects.exists()


def test_the_public_registers_only_to_a_training_open_to_the_public(world):
    closed = make_training(world, day_offset=10)
    with pytest.raises(PermissionDenied):
        services.registration_create(
            by=None, training=closed, full_name="X", email="x@example.org", consent=True
        )
    open_training = make_training(world, day_offset=10, public_registration=True)
    registration = services.registration_create(
        by=None, training=open_training, full_name="X", email="x@example.org", consent=True
    )
    assert registration.role == ParticipantRole.EXTERNAL
    assert registration.consented_at is not None


def test_an_eric_team_member_cannot_register_someone_else(world):
    training = make_training(world, day_offset=10)
    with pytest.raises(PermissionDenied):
        register_external(training, by=world.team_a)


def test_the_confirmation_carries_one_event_per_half_day_in_paris_time(world, mails):
    give_email(world.team_a)
    training = make_training(world, day_offset=10)
    with mails():
        services.registration_self(by=world.team_a, training=training)
    (message,) = mail.outbox
    name, content, mimetype = message.attachments[0]
    assert mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    sessions = list(training.sessions.order_by("starts_at"))
    for event, session in zip(events, sessions, strict=True):
        start = event.decoded("dtstart")
        assert start == session.starts_at
        assert start.tzinfo.key == "Europe/Paris"
        assert start.astimezone(ZoneInfo("Europe/Paris")).hour in (9, 14)
        assert training.title in str(event.get("summary"))
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"


def test_role_follows_the_person_in_the_programme(world):
    give_email(world.team_a, world.coach_a, world.region)
    organisation, trainer = make_trainer(world)
    training = make_training(world, day_offset=10, trainer_organisations=[organisation])
    assert (
        services.registration_self(by=world.team_a, training=training).role
        == ParticipantRole.ERIC_TEAM
    )
    assert (
        services.registration_self(by=world.coach_a, training=training).role
        == ParticipantRole.RESOURCE_PERSON
    )
    assert services.registration_self(by=trainer, training=training).role == ParticipantRole.TRAINER
    region = services.registration_self(by=world.region, training=training)
    assert region.role == ParticipantRole.REGION_OFFICER
    assert region.organisation == world.region_org


def test_invitations_by_role_with_the_region_optional(world, mails):
    give_email(world.team_a, world.team_b, world.coach_a, world.coach_b, world.region)
    organisation, trainer = make_trainer(world)
    training = make_training(world, day_offset=10, by=trainer)
    with mails():
        invitations = services.invitations_send(by=trainer, training=training)
    by_user = {invitation.user: invitation for invitation in invitations}
    assert by_user[world.team_a].role == ParticipantRole.ERIC_TEAM
    assert by_user[world.coach_b].role == ParticipantRole.RESOURCE_PERSON
    assert by_user[trainer].role == ParticipantRole.TRAINER
    assert by_user[world.region].optional is True
    assert by_user[world.team_a].optional is False
    assert world.outsider not in by_user
    assert len(mail.outbox) == len(invitations)
    region_mail = next(m for m in mail.outbox if m.to == [world.region.email])
    assert "Selon vos disponibilités" in region_mail.body
    # Nobody is invited twice.
    assert services.invitations_send(by=trainer, training=training) == []


def test_a_partner_creating_a_training_becomes_its_trainer(world):
    organisation, trainer = make_trainer(world)
    training = make_training(world, by=trainer)
    assert list(training.trainer_organisations.all()) == [organisation]


def test_an_eric_team_cannot_create_a_training(world):
    with pytest.raises(PermissionDenied):
        make_training(world, by=world.team_a)


def test_capacity_cannot_drop_below_the_confirmed_registrations(world):
    training = make_training(world, capacity=3, day_offset=10)
    register_external(training, by=world.admin)
    register_external(training, by=world.admin)
    with pytest.raises(ValidationError) as error:
        services.training_update(by=world.admin, training=training, capacity=1)
    assert "2 personnes sont déjà inscrites" in error.value.message_dict["capacity"][0]


def test_raising_the_capacity_gives_seats_to_the_waiting_list(world):
    training = make_training(world, capacity=1, day_offset=10)
    register_external(training, by=world.admin)
    waiting = register_external(training, by=world.admin)
    services.training_update(by=world.admin, training=training, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_attendance_is_refused_before_the_session_starts(world):
    training = make_training(world, day_offset=3)
    registration = register_external(training, by=world.admin)
    session = training.sessions.first()
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            by=world.admin, session=session, statuses={registration.pk: AttendanceStatus.PRESENT}
        )
    assert "n'a pas encore commencé" in error.value.messages[0]
    assert not Attendance.objects.exists()


def test_attendance_is_recorded_then_corrected(world):
    training = make_training(world)
    registration = register_external(training, by=world.admin)
    session = training.sessions.first()
    assert (
        services.attendance_record(
            by=world.admin, session=session, statuses={registration.pk: AttendanceStatus.ABSENT}
        )
        == 1
    )
    services.attendance_record(
        by=world.admin, session=session, statuses={registration.pk: AttendanceStatus.PRESENT}
    )
    attendance = Attendance.objects.get()
    assert attendance.status == AttendanceStatus.PRESENT
    assert attendance.marked_by == world.admin


def test_attendance_refuses_a_waiting_or_foreign_registration(world):
    training = make_training(world, capacity=1)
    register_external(training, by=world.admin)
    waiting = register_external(training, by=world.admin)
    with pytest.raises(ValidationError):
        services.attendance_record(
            by=world.admin,
            session=training.sessions.first(),
            statuses={waiting.pk: AttendanceStatus.PRESENT},
        )


def test_only_the_training_managers_mark_attendance(world):
    organisation, trainer = make_trainer(world)
    training = make_training(world, trainer_organisations=[organisation])
    registration = register_external(training, by=world.admin)
    session = training.sessions.first()
    for user in (world.team_a, world.region, world.partner, world.outsider):
        with pytest.raises(PermissionDenied):
            services.attendance_record(
                by=user, session=session, statuses={registration.pk: AttendanceStatus.PRESENT}
            )
    services.attendance_record(
        by=trainer, session=session, statuses={registration.pk: AttendanceStatus.PRESENT}
    )
    services.attendance_record(
        by=world.coach_a, session=session, statuses={registration.pk: AttendanceStatus.PRESENT}
    )


def test_hours_attended_count_present_half_days_only(world):
    training = make_training(world)  # 9:30–12:30 and 14:00–17:30
    morning, afternoon = training.sessions.order_by("starts_at")
    full = register_external(training, by=world.admin)
    half = register_external(training, by=world.admin)
    services.attendance_record(
        by=world.admin,
        session=morning,
        statuses={full.pk: AttendanceStatus.PRESENT, half.pk: AttendanceStatus.EXCUSED},
    )
    services.attendance_record(
        by=world.admin,
        session=afternoon,
        statuses={full.pk: AttendanceStatus.PRESENT, half.pk: AttendanceStatus.PRESENT},
    )
    assert selectors.attended_duration(full) == datetime.timedelta(hours=6, minutes=30)
    assert selectors.attended_duration(half) == datetime.timedelta(hours=3, minutes=30)
    hours = {r.pk: r.attended for r in selectors.registrations_with_hours(training)}
    assert hours == {
        full.pk: datetime.timedelta(hours=6, minutes=30),
        half.pk: datetime.timedelta(hours=3, minutes=30),
    }


def test_counted_means_held_with_attendance_recorded(world):
    held = make_training(world)
    future = make_training(world, day_offset=5)
    make_training(world, half_days=0)
    assert selectors.trainings_counted(world.programme) == 0
    registration = register_external(held, by=world.admin)
    assert selectors.counting_status(held) == {"counted": False, "missing": ["attendance"]}
    assert selectors.counting_status(future) == {
        "counted": False,
        "missing": ["held", "attendance"],
    }
    services.attendance_record(
        by=world.admin,
        session=held.sessions.first(),
        statuses={registration.pk: AttendanceStatus.ABSENT},
    )
    assert list(Training.objects.counted()) == [held]
    assert selectors.trainings_counted(world.programme) == 1
    assert selectors.counting_status(held) == {"counted": True, "missing": []}


def test_evaluation_once_per_participant_who_attended(world, mails):
    training = make_training(world)
    came = register_external(training, by=world.admin)
    stayed_home = register_external(training, by=world.admin)
    services.attendance_record(
        by=world.admin,
        session=training.sessions.first(),
        statuses={came.pk: AttendanceStatus.PRESENT, stayed_home.pk: AttendanceStatus.ABSENT},
    )
    mail.outbox.clear()
    with mails():
        assert services.evaluation_requests_send(by=world.admin, training=training) == 1
    (message,) = mail.outbox
    assert str(came.token) in message.body
    scores = dict(content_score=5, facilitation_score=4, usefulness_score=3, organisation_score=2)
    services.evaluation_submit(registration=came, comment="Très utile", **scores)
    with pytest.raises(ValidationError):
        services.evaluation_submit(registration=came, **scores)
    with pytest.raises(ValidationError):
        services.evaluation_submit(registration=stayed_home, **scores)
    results = selectors.evaluation_results(training)
    assert results["count"] == 1
    assert [c["average"] for c in results["criteria"]] == [5, 4, 3, 2]
    assert results["comments"] == ["Très utile"]


def test_evaluation_averages_are_computed_in_one_query(world, snapshot_queries):
    training = make_training(world)
    with snapshot_queries(name="evaluation_results") as queries:
        selectors.evaluation_results(training)
    assert len(queries) == 2  # the averages, the comments
