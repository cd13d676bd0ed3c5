"""Reads across the trainings' models, computed in SQL."""

import datetime

from dateutil.relativedelta import relativedelta
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
from django.db.models.functions import TruncDate
from django.utils import timezone

from coaching.enums import Indicator
from coaching.models import Programme, Target
from core.dates import day_after, paris_midnight

from .enums import AttendanceStatus, ParticipantRole, RegistrationStatus
from .models import Attendance, Evaluation, Registration, Training, TrainingSession

SESSION_DURATION = ExpressionWrapper(
    F("attendances__session__ends_at") - F("attendances__session__starts_at"),
    output_field=DurationField(),
)


def _counted_by(until: datetime.date):
    """Trainings that count toward their own programme's target by the end of ``until``:
    held and attendance recorded (``TrainingQuerySet.counted``), their first half-day
    (``first_start``) begun by then and on a day of the programme's period (Europe/Paris
    days: ``first_start`` ≥ the midnight that starts the first day, < the midnight
    that ends the last). Every programme at once: the list's « compte » column and its
    summary of targets read it in the same query as their rows."""
    end_of_until = day_after(until)
    return (
        Training.objects.counted(end_of_until)
        .annotate(first_start=Min("sessions__starts_at"))
        .annotate(first_day=TruncDate("first_start"))
        .filter(
            # ``counted`` keeps what began by the midnight after ``until``, that midnight
            # included: a half-day starting then is the next day's.
            first_start__lt=end_of_until,
            first_day__gte=F("programme__start_date"),
            first_day__lte=F("programme__end_date"),
        )
    )


def counted_trainings(programme: Programme, *, until: datetime.date):
    """The trainings of ``programme`` that count toward its target by the end of
    ``until``: held and attendance recorded, their first half-day (``first_start``,
    annotated) within the programme's period and begun by the end of ``until``.

    The one definition behind the figures (dashboard, summary, API) and the list they
    open (``trainings:training_list?programme=<slug>&counted=1&until=AAAA-MM-JJ``): a
    figure is the number of rows of its list.
    """
    return _counted_by(until).filter(programme=programme)


def trainings_counted(programme, *, until: datetime.date | None = None) -> int:
    """How many of the programme's trainings count toward its target (by today)."""
    return counted_trainings(programme, until=until or timezone.localdate()).count()


def training_progress(programme_ids, *, until: datetime.date | None = None) -> list:
    """Per programme: the trainings that count toward its target by ``until`` (today by
    default; the rows of :func:`counted_trainings`), and the target, in one query."""
    counted = _counted_by(until or timezone.localdate())
    target = Target.objects.filter(programme=OuterRef("pk"), indicator=Indicator.TRAININGS)
    return list(
        Programme.objects.filter(pk__in=programme_ids)
        .annotate(
            trainings_counted=Count(
                "trainings", filter=Q(trainings__in=counted.values("pk")), distinct=True
            ),
            trainings_target=Subquery(target.order_by("pilot").values("value")[:1]),
        )
        .order_by("-start_date", "name")
    )


def trainings_for_list(
    user,
    *,
    programme: Programme | None = None,
    counted: bool = False,
    until: datetime.date | None = None,
    month: datetime.date | None = None,
):
    """The trainings a user may see, with their seat counts and dates, in one query.

    With ``programme``, only its trainings; with ``counted`` too, exactly the rows of
    :func:`counted_trainings` by ``until`` (today by default) that the user may see;
    with ``month``, those whose first half-day falls in that month (Europe/Paris).
    ``is_counted``: whether the training is among ``counted_trainings(its programme,
    until=today)``.
    """
    today = timezone.localdate()
    trainings = Training.objects.visible_to(user)
    if programme is not None and counted:
        rows = counted_trainings(programme, until=until or today)
        trainings = trainings.filter(pk__in=rows.values("pk"))
    elif programme is not None:
        trainings = trainings.for_programme(programme)
    trainings = trainings.select_related("programme").annotate(
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
        is_counted=Exists(_counted_by(today).filter(pk=OuterRef("pk"))),
        is_registered=Exists(
            Registration.objects.active().filter(training=OuterRef("pk"), user_id=user.pk)
        ),
    )
    if month is not None:
        first = month.replace(day=1)
        trainings = trainings.filter(
            first_start__gte=paris_midnight(first),
            first_start__lt=paris_midnight(first + relativedelta(months=1)),
        )
    return trainings.order_by(F("first_start").asc(nulls_last=True), "pk")


def counting_status(training: Training, *, now: datetime.datetime | None = None) -> dict:
    """Whether the training counts toward the target, and what is missing if not."""
    now = now or timezone.now()
    this = Training.objects.filter(pk=training.pk)
    if _counted_by(timezone.localtime(now).date()).filter(pk=training.pk).exists():
        return {"counted": True, "missing": []}
    missing = []
    first = training.sessions.aggregate(first=Min("starts_at"))["first"]
    if first is not None and not training.programme.contains(timezone.localtime(first).date()):
        missing.append("period")  # hors période : ne compte pas
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
