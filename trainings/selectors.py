"""Reads across the trainings' models, computed in SQL."""

import datetime

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.utils import timezone

from coaching.enums import Indicator
from coaching.models import Programme, Target

from .enums import AttendanceStatus, ParticipantRole, RegistrationStatus
from .models import Attendance, Evaluation, Registration, Training, TrainingSession

SESSION_DURATION = ExpressionWrapper(
    F("attendances__session__ends_at") - F("attendances__session__starts_at"),
    output_field=DurationField(),
)


def trainings_counted(programme) -> int:
    """How many of the programme's trainings count toward its target."""
    return Training.objects.for_programme(programme).counted().count()


def training_progress(programme_ids) -> list:
    """Per programme: trainings that count toward the target, and the target, in one query."""
    target = Target.objects.filter(programme=OuterRef("pk"), indicator=Indicator.TRAININGS).values(
        "value"
    )[:1]
    return list(
        Programme.objects.filter(pk__in=programme_ids)
        .annotate(
            trainings_counted=Count(
                "trainings", filter=Q(trainings__in=Training.objects.counted()), distinct=True
            ),
            trainings_target=Subquery(target),
        )
        .order_by("-start_date", "name")
    )


def trainings_for_list(user):
    """The trainings a user may see, with their seat counts and dates, in one query."""
    now = timezone.now()
    return (
        Training.objects.visible_to(user)
        .select_related("programme")
        .annotate(
            first_start=Min("sessions__starts_at"),
            confirmed_count=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
                distinct=True,
            ),
            waiting_count=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.WAITING),
                distinct=True,
            ),
            session_count=Count("sessions", distinct=True),
            is_counted=Exists(Training.objects.counted(now).filter(pk=OuterRef("pk"))),
            is_registered=Exists(
                Registration.objects.active().filter(training=OuterRef("pk"), user_id=user.pk)
            ),
        )
        .order_by(F("first_start").asc(nulls_last=True), "pk")
    )


def counting_status(training: Training, *, now: datetime.datetime | None = None) -> dict:
    """Whether the training counts toward the target, and what is missing if not."""
    now = now or timezone.now()
    this = Training.objects.filter(pk=training.pk)
    if this.counted(now).exists():
        return {"counted": True, "missing": []}
    missing = []
    if not this.held(now).exists():
        missing.append("held")
    if not this.with_attendance().exists():
        missing.append("attendance")
    return {"counted": False, "missing": missing}


def registrations_with_hours(training: Training):
    """Active registrations with the time each person actually attended."""
    return (
        training.registrations.active()
        .select_related("organisation", "user")
        .annotate(
            attended=Sum(SESSION_DURATION, filter=Q(attendances__status=AttendanceStatus.PRESENT)),
            present_count=Count(
                "attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)
            ),
        )
        .order_by("status", "full_name", "pk")
    )


def attended_duration(registration: Registration) -> datetime.timedelta:
    total = (
        Registration.objects.filter(pk=registration.pk)
        .aggregate(
            attended=Sum(SESSION_DURATION, filter=Q(attendances__status=AttendanceStatus.PRESENT))
        )
        .get("attended")
    )
    return total or datetime.timedelta(0)


def sessions_with_counts(training: Training):
    return training.sessions.annotate(
        marked=Count("attendances"),
        present=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)),
    )


def attendance_sheet_rows(session: TrainingSession):
    """Confirmed participants of a half-day, with their status when it is marked."""
    return (
        session.training.registrations.confirmed()
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(session=session),
                to_attr="session_attendance",
            )
        )
        .order_by("full_name", "pk")
    )


def participants_by_organisation_and_role(training: Training) -> list[dict]:
    rows = (
        training.registrations.confirmed()
        .annotate(
            label=F("organisation__name"),
        )
        .values("label", "organisation_name", "role")
        .annotate(count=Count("pk"))
        .order_by("label", "organisation_name", "role")
    )
    return [
        {
            "organisation": row["label"] or row["organisation_name"] or "—",
            "role": ParticipantRole(row["role"]).label,
            "count": row["count"],
        }
        for row in rows
    ]


def attendance_rate(training: Training) -> dict:
    totals = Attendance.objects.filter(session__training=training).aggregate(
        marked=Count("pk"),
        present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
        excused=Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
        absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
    )
    marked = totals["marked"]
    totals["rate"] = round(100 * totals["present"] / marked) if marked else None
    return totals


def evaluation_results(training: Training) -> dict:
    """Average score per criterion and the number of answers, in one query."""
    evaluations = Evaluation.objects.filter(registration__training=training)
    results = evaluations.aggregate(
        count=Count("pk"),
        **{criterion: Avg(criterion) for criterion in Evaluation.CRITERIA},
    )
    results["criteria"] = [
        {
            "label": Evaluation._meta.get_field(criterion).verbose_name,
            "average": results[criterion],
        }
        for criterion in Evaluation.CRITERIA
    ]
    results["comments"] = list(
        evaluations.exclude(comment="").order_by("submitted_at").values_list("comment", flat=True)
    )
    return results


def waiting_position(registration: Registration) -> int | None:
    """A waiting registration's place on the list (1 = next served); ``None`` otherwise."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    return (
        Registration.objects.waiting()
        .filter(training_id=registration.training_id)
        .filter(created_at__lte=registration.created_at)
        .exclude(created_at=registration.created_at, pk__gt=registration.pk)
        .count()
    )
