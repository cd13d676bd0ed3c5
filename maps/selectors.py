"""Reads of the trust circles, computed in SQL."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q

from .models import TrustCircleEntry


def month_ends(today: datetime.date, count: int) -> list[datetime.date]:
    """The last day of the ``count`` months ending with ``today``'s month, oldest first."""
    first = today.replace(day=1)
    return [
        first - relativedelta(months=n) + relativedelta(months=1, days=-1)
        for n in reversed(range(count))
    ]


def trust_circle_growth(
    eric, *, today: datetime.date, months: int = 6, since: datetime.date | None = None
) -> list[dict]:
    """How many entries the ERIC's circles held at the end of each of the last months,
    per circle: ``[{"month": date, "core": n, "close": n, "extended": n, "total": n}]``;
    none before the month of ``since`` (the programme's first day). One aggregate
    query: ended relations are kept with their dates, so the past circles can be
    counted again."""
    ends = month_ends(today, months)
    aggregates = {}
    for index, end in enumerate(ends):
        current = Q(since__lte=end) & (Q(until__isnull=True) | Q(until__gt=end))
        for circle in ("core", "close", "extended"):
            aggregates["%s_%d" % (circle, index)] = Count("pk", filter=current & Q(circle=circle))
    counts = TrustCircleEntry.objects.filter(eric=eric).aggregate(**aggregates)
    rows = []
    for index, end in enumerate(ends):
        # counted all the same: the query stays the same whatever ``since``
        if since is not None and end < since:
            continue
        row = {"month": end}
        for circle in ("core", "close", "extended"):
            row[circle] = counts["%s_%d" % (circle, index)]
        row["total"] = row["core"] + row["close"] + row["extended"]
        rows.append(row)
    return rows
