"""The counted animations' monthly tallies, kept in step with the records (ADR 0023).

A cell (accompaniment, month) holds the number of the programme's counted animations
(``counted_animations`` over the whole period: the one definition) held that
Europe/Paris month. A write that may change which animations count, or in which month
one falls, recounts the cells it touched — the old and the new month of a moved
animation — in its own transaction (:func:`refresh_tallies`); a programme-wide change
(its partner threshold, its period) recounts the programme (:func:`rebuild_tallies`).
Recounting, rather than adding and subtracting, cannot drift from the definition.
"""

import datetime
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from core.dates import local_month, paris_midnight

from ..models import (
    Accompaniment,
    Animation,
    AnimationTally,
    AnimationTallyByEric,
    AnimationTallyByMonth,
    Programme,
)
from ..selectors.counted import counted_animations

#: Rows written per INSERT when a programme is recounted.
BATCH = 5000

Cell = tuple[int, datetime.date]  # (accompaniment id, first day of the month)


def tally_cell(animation: Animation) -> Cell:
    """The cell an animation falls in (whether it counts or not)."""
    return animation.accompaniment_id, local_month(animation.starts_at)


def counted_by_cell(programme: Programme, animations=None):
    """``(accompaniment_id, month, n)`` rows: the programme's counted animations per
    cell, over its whole period (``animations``: a narrower queryset to start from)."""
    counted = counted_animations(programme, until=programme.end_date)
    if animations is not None:
        counted = counted & animations
    return (
        counted.annotate(month=TruncMonth("starts_at", tzinfo=timezone.get_current_timezone()))
        .values_list("accompaniment_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )


def _month_window(cells: Iterable[Cell]) -> Q:
    window = Q(pk__in=[])
    for accompaniment_id, month in cells:
        window |= Q(
            accompaniment_id=accompaniment_id,
            starts_at__gte=paris_midnight(month),
            starts_at__lt=paris_midnight(month + relativedelta(months=1)),
        )
    return window


def refresh_tallies(programme: Programme, cells: Iterable[Cell]) -> None:
    """Recount ``cells`` of ``programme`` from the records, then the sums they feed.

    Called inside the write's transaction, after the write: three queries when no count
    changed, about ten when one did. The accompaniments' rows are locked first, so that
    two saves of one ERIC's animations recount one after the other (the second sees the
    first's committed records); the programme's month sums are added the difference,
    which the database serialises row by row."""
    cells = set(cells)
    if not cells:
        return
    accompaniment_ids = sorted({accompaniment_id for accompaniment_id, _month in cells})
    list(
        Accompaniment.objects.select_for_update()
        .filter(pk__in=accompaniment_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    stale = Q(pk__in=[])
    for accompaniment_id, month in cells:
        stale |= Q(accompaniment_id=accompaniment_id, month=month)
    before = {
        (accompaniment_id, month): n
        for accompaniment_id, month, n in AnimationTally.objects.filter(stale).values_list(
            "accompaniment_id", "month", "count"
        )
    }
    after = {
        cell: n
        for accompaniment_id, month, n in counted_by_cell(
            programme, Animation.objects.filter(_month_window(cells))
        )
        if (cell := (accompaniment_id, local_month(month))) in cells and n
    }
    if before == after:
        return
    AnimationTally.objects.filter(stale).delete()
    AnimationTally.objects.bulk_create(
        AnimationTally(programme=programme, accompaniment_id=acc, month=month, count=n)
        for (acc, month), n in after.items()
    )
    deltas = {}
    for (_acc, month), n in after.items():
        deltas[month] = deltas.get(month, 0) + n
    for (_acc, month), n in before.items():
        deltas[month] = deltas.get(month, 0) - n
    _add_to_months(programme.pk, deltas)
    _recount_erics(programme, accompaniment_ids)


def _add_to_months(programme_id: int, deltas: dict) -> None:
    deltas = {month: delta for month, delta in deltas.items() if delta}
    if not deltas:
        return
    AnimationTallyByMonth.objects.bulk_create(
        [
            AnimationTallyByMonth(programme_id=programme_id, month=month, count=0)
            for month in sorted(deltas)
        ],
        ignore_conflicts=True,
    )
    for month, delta in sorted(deltas.items()):
        AnimationTallyByMonth.objects.filter(programme_id=programme_id, month=month).update(
            count=F("count") + delta
        )


def _recount_erics(programme: Programme, accompaniment_ids) -> None:
    """The accompaniments' sums, from their cells (sixty rows each at most)."""
    sums = (
        AnimationTally.objects.filter(accompaniment_id__in=accompaniment_ids)
        .values_list("accompaniment_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    AnimationTallyByEric.objects.filter(accompaniment_id__in=accompaniment_ids).delete()
    AnimationTallyByEric.objects.bulk_create(
        AnimationTallyByEric(programme=programme, accompaniment_id=acc, count=n)
        for acc, n in sums
        if n
    )


def forget_tallies(accompaniment: Accompaniment) -> None:
    """Take an accompaniment's cells out of its former programme's sums and delete them
    (before recounting them under its new programme)."""
    cells = list(
        AnimationTally.objects.filter(accompaniment=accompaniment).values_list(
            "programme_id", "month", "count"
        )
    )
    by_programme = {}
    for programme_id, month, n in cells:
        deltas = by_programme.setdefault(programme_id, {})
        deltas[month] = deltas.get(month, 0) - n
    for programme_id, deltas in by_programme.items():
        _add_to_months(programme_id, deltas)
    AnimationTally.objects.filter(accompaniment=accompaniment).delete()
    AnimationTallyByEric.objects.filter(accompaniment=accompaniment).delete()


def _programme_rows(model, programme):
    """The programme's rows, and those of accompaniments now in it."""
    if model is AnimationTallyByMonth:
        return model.objects.filter(programme=programme)
    return model.objects.filter(Q(programme=programme) | Q(accompaniment__programme=programme))


def rebuild_tallies(programme: Programme | None = None) -> int:
    """Recount every cell of ``programme`` (every programme's when None) and their sums,
    each programme in one transaction; return how many cells were written."""
    programmes = [programme] if programme is not None else Programme.objects.order_by("pk")
    written = 0
    for programme in programmes:
        with transaction.atomic():
            for model in (AnimationTally, AnimationTallyByEric, AnimationTallyByMonth):
                _programme_rows(model, programme).delete()
            per_eric, per_month = {}, {}
            batch = []
            for accompaniment_id, month, n in counted_by_cell(programme).iterator(chunk_size=BATCH):
                month = local_month(month)
                per_eric[accompaniment_id] = per_eric.get(accompaniment_id, 0) + n
                per_month[month] = per_month.get(month, 0) + n
                batch.append(
                    AnimationTally(
                        programme=programme, accompaniment_id=accompaniment_id, month=month, count=n
                    )
                )
                if len(batch) >= BATCH:
                    AnimationTally.objects.bulk_create(batch)
                    written += len(batch)
                    batch = []
            AnimationTally.objects.bulk_create(batch)
            written += len(batch)
            AnimationTallyByEric.objects.bulk_create(
                (
                    AnimationTallyByEric(programme=programme, accompaniment_id=acc, count=n)
                    for acc, n in per_eric.items()
                ),
                batch_size=BATCH,
            )
            AnimationTallyByMonth.objects.bulk_create(
                AnimationTallyByMonth(programme=programme, month=month, count=n)
                for month, n in per_month.items()
            )
    return written


def tally_drift(programme: Programme) -> dict:
    """Where the tallies disagree with the records: ``{key: (tallied, recounted)}``, a
    key being a cell (accompaniment id, month), ``("eric", accompaniment id)`` for an
    accompaniment's sum or ``("month", month)`` for the programme's month sum."""
    recorded = {
        (accompaniment_id, local_month(month)): n
        for accompaniment_id, month, n in counted_by_cell(programme)
    }
    tallied = {
        (accompaniment_id, month): n
        for accompaniment_id, month, n in _programme_rows(AnimationTally, programme).values_list(
            "accompaniment_id", "month", "count"
        )
    }
    for (accompaniment_id, month), n in list(recorded.items()):
        key, month_key = ("eric", accompaniment_id), ("month", month)
        recorded[key] = recorded.get(key, 0) + n
        recorded[month_key] = recorded.get(month_key, 0) + n
    tallied.update(
        (("eric", acc), n)
        for acc, n in _programme_rows(AnimationTallyByEric, programme).values_list(
            "accompaniment_id", "count"
        )
    )
    tallied.update(
        (("month", month), n)
        for month, n in _programme_rows(AnimationTallyByMonth, programme).values_list(
            "month", "count"
        )
    )
    return {
        key: (tallied.get(key, 0), recorded.get(key, 0))
        for key in recorded.keys() | tallied.keys()
        if tallied.get(key, 0) != recorded.get(key, 0)
    }
