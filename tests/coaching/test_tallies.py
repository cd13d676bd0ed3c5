"""The counted animations' monthly tallies equal the records' count (ADR 0023, 0008).

Random walks through the services (creates, edits, moves across months and to a
month's first and last minutes, held / planned / cancelled, partners added and removed,
documentation written and withdrawn, the programme shortened and lengthened, an
accompaniment moved to another programme) must leave every tally (cells, and their sums
per ERIC and per month) equal to the count of ``counted_animations`` — the one definition the lists read — and the dashboard's
animation counts, « arrêtés au » days around the months' edges, equal to a direct count.
"""

import datetime
import importlib
import random

import pytest
from dateutil.relativedelta import relativedelta
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command
from django.db.models import Count, ProtectedError
from django.db.models.functions import TruncMonth
from django.utils import timezone

from coaching import services
from coaching.enums import AnimationStatus
from coaching.models import Animation, AnimationTally
from coaching.selectors.counted import counted_animations
from core.dates import local_month, paris_midnight
from organisations.enums import Pilot
from progress.indicators.counts import animation_counts
from tests.coaching.journal_helpers import partners
from tests.factories import make_accompaniment, make_organisation, make_programme

MONTHS_BACK = 5  # the programme began five months before this one
DURATION = 8


def _programme_for_today():
    start = (timezone.localdate() - relativedelta(months=MONTHS_BACK)).replace(day=1)
    return make_programme(start_date=start, months=DURATION)


@pytest.fixture
def walk(world):
    """The world, its programme moved to start five months ago, ERIC B on pilot 1."""
    programme = world.programme
    programme.start_date = (timezone.localdate() - relativedelta(months=MONTHS_BACK)).replace(day=1)
    programme.duration_months = DURATION
    programme.save()
    for accompaniment in (world.accompaniment_a, world.accompaniment_b):
        accompaniment.start_date, accompaniment.end_date = programme.start_date, programme.end_date
        accompaniment.save()
    world.eric_b.pilot = Pilot.EPHEMERAL
    world.eric_b.save()
    world.partners = partners(4)
    return world


def _moment(rng, programme, *, held):
    """A moment of the programme's months begun, often at a month's very edge."""
    now = timezone.localtime()
    months = [
        programme.start_date + relativedelta(months=n)
        for n in range(programme.duration_months)
        if programme.start_date + relativedelta(months=n) <= now.date()
    ]
    month = rng.choice(months)
    last = month + relativedelta(months=1) - datetime.timedelta(days=1)
    day, hour, minute = rng.choice(
        [(month, 0, 30), (last, 23, 30), (month + datetime.timedelta(days=14), 14, 0)]
    )
    moment = paris_midnight(day) + datetime.timedelta(hours=hour, minutes=minute)
    if held and moment > now - datetime.timedelta(hours=1):
        moment = (now - datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
        moment = max(moment, paris_midnight(programme.start_date))
    return moment


def _documentation(rng):
    if rng.random() < 0.8:
        return {"report_what_happened": "Compte rendu", "attendance_residents": rng.randint(1, 9)}
    return rng.choice(
        [
            {"report_what_happened": "", "attendance_residents": 5},
            {"report_what_happened": "Compte rendu", "attendance_residents": None},
        ]
    )


def _step(rng, world, animations):
    """One random write through the services."""
    action = rng.choice(["create", "create", "move", "status", "partners", "document"])
    if action == "create" or not animations:
        eric = rng.choice("ab")
        held = rng.random() < 0.8
        record = services.animation_create(
            by=getattr(world, f"coach_{eric}"),
            accompaniment=getattr(world, f"accompaniment_{eric}"),
            title="Atelier",
            starts_at=_moment(rng, world.programme, held=held),
            status=AnimationStatus.HELD if held else AnimationStatus.PLANNED,
            co_organisers=rng.sample(world.partners, rng.choice([1, 2, 2, 3])),
        )
        animations.append(record)
        if held:
            services.animation_document(by=world.admin, animation=record, **_documentation(rng))
        return
    record = Animation.objects.get(pk=rng.choice(animations).pk)
    if action == "move":
        services.animation_update(
            by=world.admin,
            animation=record,
            starts_at=_moment(rng, world.programme, held=record.status == AnimationStatus.HELD),
        )
    elif action == "status":
        status = rng.choice([AnimationStatus.HELD, AnimationStatus.HELD, AnimationStatus.CANCELLED])
        changes = {"status": status}
        if status == AnimationStatus.CANCELLED:
            changes["cancellation_reason"] = "Pluie"
        elif record.starts_at > timezone.now():
            changes["starts_at"] = _moment(rng, world.programme, held=True)
        services.animation_update(by=world.admin, animation=record, **changes)
    elif action == "partners":
        services.animation_update(
            by=world.admin,
            animation=record,
            co_organisers=rng.sample(world.partners, rng.choice([0, 1, 2, 3, 3])),
        )
    elif record.status == AnimationStatus.HELD:
        services.animation_document(by=world.admin, animation=record, **_documentation(rng))


def _tallies(programme):
    return {
        (acc, month): n
        for acc, month, n in AnimationTally.objects.filter(programme=programme).values_list(
            "accompaniment_id", "month", "count"
        )
    }


def _recounted(programme):
    """The records' count per cell, straight from the lists' definition."""
    return {
        (acc, local_month(month)): n
        for acc, month, n in counted_animations(programme, until=programme.end_date)
        .annotate(month=TruncMonth("starts_at", tzinfo=timezone.get_current_timezone()))
        .values_list("accompaniment_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    }


def _days(programme):
    """« Arrêté au » days at the edges: before the start, first and last days of
    months, today, the programme's last day and after it."""
    today = timezone.localdate()
    days = {programme.start_date - datetime.timedelta(days=1), today, programme.end_date}
    days.add(programme.end_date + datetime.timedelta(days=3))
    for n in range(programme.duration_months):
        first = programme.start_date + relativedelta(months=n)
        days |= {first, first - datetime.timedelta(days=1), first + datetime.timedelta(days=14)}
    return sorted(days)


def _assert_counts_agree(programme):
    assert _tallies(programme) == _recounted(programme)
    assert services.tally_drift(programme) == {}
    for day in _days(programme):
        counted = counted_animations(programme, until=day)
        by_eric = dict(
            counted.values_list("accompaniment__eric_id").annotate(n=Count("pk")).order_by()
        )
        this_month = dict(
            counted.filter(starts_at__gte=paris_midnight(day.replace(day=1)))
            .values_list("accompaniment__eric_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        by_month = {}
        for pilot, month in counted.values_list(
            "accompaniment__eric__pilot",
            TruncMonth("starts_at", tzinfo=timezone.get_current_timezone()),
        ):
            key = (pilot, local_month(month))
            by_month[key] = by_month.get(key, 0) + 1

        def nonzero(mapping):
            return {key: n for key, n in mapping.items() if n}

        every_pilot = {}
        for (_pilot, month), n in by_month.items():
            every_pilot[("", month)] = every_pilot.get(("", month), 0) + n
        for by_pilot, expected_months in ((True, by_month), (False, every_pilot)):
            counts = animation_counts(programme, day, by_pilot=by_pilot)
            assert nonzero(counts.by_eric) == by_eric, day
            assert nonzero(counts.this_month) == this_month, day
            assert nonzero(counts.by_month) == expected_months, day


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_keep_tallies_equal_to_the_records(walk, seed):
    rng = random.Random(seed)
    animations = []
    counted_at_some_step = False
    for step in range(30):
        _step(rng, walk, animations)
        counted_at_some_step |= bool(_tallies(walk.programme))
        if step % 10 == 9:
            _assert_counts_agree(walk.programme)
    assert counted_at_some_step, "the walk counted nothing: it tests nothing"
    # The programme's end: shortened to end last month, the later animations stop
    # counting; lengthened again, they count again.
    programme = walk.programme
    programme.duration_months = MONTHS_BACK
    programme.save()
    services.programme_counting_refresh(programme)
    _assert_counts_agree(programme)
    assert all(month < timezone.localdate().replace(day=1) for _acc, month in _tallies(programme))
    programme.duration_months = DURATION
    programme.save()
    services.programme_counting_refresh(programme)
    _assert_counts_agree(programme)
    # The partner threshold raised, then lowered.
    for threshold in (3, 2):
        programme.animation_min_partners = threshold
        programme.save()
        services.programme_counting_refresh(programme)
        _assert_counts_agree(programme)


def test_a_move_across_a_month_boundary_recounts_both_months(walk):
    programme = walk.programme
    month = programme.start_date + relativedelta(months=1)
    last_minute = paris_midnight(month) - datetime.timedelta(minutes=30)  # 23:30, Paris
    record = services.animation_create(
        by=walk.coach_a,
        accompaniment=walk.accompaniment_a,
        title="Atelier",
        starts_at=last_minute,
        status=AnimationStatus.HELD,
        co_organisers=walk.partners[:2],
    )
    services.animation_document(
        by=walk.coach_a, animation=record, report_what_happened="Fait", attendance_residents=3
    )
    cell = (walk.accompaniment_a.pk, programme.start_date)
    assert _tallies(programme) == {cell: 1}
    record.refresh_from_db()
    services.animation_update(
        by=walk.coach_a, animation=record, starts_at=last_minute + datetime.timedelta(hours=1)
    )
    assert _tallies(programme) == {(walk.accompaniment_a.pk, month): 1}
    # one partner withdrawn: it no longer counts, its month has no row
    services.animation_update(by=walk.coach_a, animation=record, co_organisers=walk.partners[:1])
    assert _tallies(programme) == {}
    _assert_counts_agree(programme)


def test_an_accompaniment_moved_to_another_programme_takes_its_tallies(walk):
    record = services.animation_create(
        by=walk.coach_a,
        accompaniment=walk.accompaniment_a,
        title="Atelier",
        starts_at=_moment(random.Random(0), walk.programme, held=True),
        status=AnimationStatus.HELD,
        co_organisers=walk.partners[:2],
    )
    services.animation_document(
        by=walk.coach_a, animation=record, report_what_happened="Fait", attendance_residents=3
    )
    other = _programme_for_today()
    old = walk.programme.pk
    walk.accompaniment_a.programme = other
    walk.accompaniment_a.save()
    services.accompaniment_counting_refresh(walk.accompaniment_a, previous=old)
    assert _tallies(walk.programme) == {}
    assert sum(_tallies(other).values()) == 1
    _assert_counts_agree(other)
    _assert_counts_agree(walk.programme)


def test_no_delete_leaves_a_tally_behind(walk):
    """No service deletes an animation (the journal keeps its records) and an
    accompaniment with animations cannot be deleted: a tally never outlives its records."""
    services.animation_document(
        by=walk.coach_b,
        animation=services.animation_create(
            by=walk.coach_b,
            accompaniment=walk.accompaniment_b,
            title="Atelier",
            starts_at=_moment(random.Random(5), walk.programme, held=True),
            status=AnimationStatus.HELD,
            co_organisers=walk.partners[:2],
        ),
        report_what_happened="Fait",
        attendance_residents=3,
    )
    assert _tallies(walk.programme)
    with pytest.raises(ProtectedError):
        walk.accompaniment_b.delete()
    _assert_counts_agree(walk.programme)


def test_rebuild_tallies_command_checks_and_repairs(walk, capsys):
    rng = random.Random(7)
    animations = []
    for _ in range(12):
        _step(rng, walk, animations)
    programme = walk.programme
    call_command("rebuild_tallies", "--check")
    # a write that bypasses the services (a manual fix): the tallies no longer agree
    counted = Animation.objects.filter(counts_toward_target=True).first()
    assert counted is not None
    Animation.objects.filter(pk=counted.pk).update(counts_toward_target=False)
    with pytest.raises(CommandError, match="3 en écart"):  # its cell, its ERIC, its month
        call_command("rebuild_tallies", "--check", "--programme", programme.slug)
    assert "décompte" in capsys.readouterr().out
    call_command("rebuild_tallies", "--programme", programme.slug)
    call_command("rebuild_tallies", "--check")
    _assert_counts_agree(programme)
    with pytest.raises(CommandError, match="Aucun programme"):
        call_command("rebuild_tallies", "--programme", "inconnu")


def test_the_migration_writes_what_rebuild_tallies_writes(walk):
    rng = random.Random(11)
    animations = []
    for _ in range(15):
        _step(rng, walk, animations)
    expected = _tallies(walk.programme)
    assert expected
    AnimationTally.objects.all().delete()
    migration = importlib.import_module("coaching.migrations.0014_rebuild_animation_tallies")
    migration.count_tallies(django_apps, None)
    assert _tallies(walk.programme) == expected
    # and its programme's accompaniments only: a second programme keeps its own
    other = _programme_for_today()
    make_accompaniment(programme=other, eric=make_organisation(name="ERIC C"))
    migration.count_tallies(django_apps, None)
    assert _tallies(walk.programme) == expected
    assert _tallies(other) == {}


def test_the_admin_recounts_after_a_new_period_or_a_move_to_another_programme(walk, rf):
    from django.contrib.admin.sites import site

    from coaching.models import Accompaniment, Programme

    held = (timezone.localtime() - datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    services.animation_document(
        by=walk.coach_a,
        animation=services.animation_create(
            by=walk.coach_a,
            accompaniment=walk.accompaniment_a,
            title="Atelier",
            starts_at=held,
            status=AnimationStatus.HELD,
            co_organisers=walk.partners[:2],
        ),
        report_what_happened="Fait",
        attendance_residents=3,
    )
    request = rf.post("/")
    request.user = walk.admin

    class Form:
        def __init__(self, changed, initial=None):
            self.changed_data, self.initial = changed, initial or {}

    # the programme now ends before the animation's day: it no longer counts
    programme = walk.programme
    programme.start_date = local_month(held) - relativedelta(months=2)
    programme.duration_months = 1
    site._registry[Programme].save_model(
        request, programme, Form(["start_date", "duration_months"]), True
    )
    assert not Animation.objects.counting_drift().exists()
    assert _tallies(programme) == {}
    _assert_counts_agree(programme)
    programme.start_date = local_month(held)
    programme.duration_months = DURATION
    site._registry[Programme].save_model(request, programme, Form(["start_date"]), True)
    assert sum(_tallies(programme).values()) == 1
    # the accompaniment moved to another programme takes its count along
    other = _programme_for_today()
    accompaniment = walk.accompaniment_a
    accompaniment.programme = other
    site._registry[Accompaniment].save_model(
        request, accompaniment, Form(["programme"], {"programme": programme.pk}), True
    )
    assert _tallies(programme) == {}
    assert sum(_tallies(other).values()) == 1
    _assert_counts_agree(programme)
    _assert_counts_agree(other)
