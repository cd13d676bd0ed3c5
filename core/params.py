"""Query-string values read the same way everywhere: a value that cannot be is ignored
(the page shows its default), never passed on to the database to fail there."""

import datetime

from django.utils.dateparse import parse_date, parse_datetime

from core.dates import FIRST_DAY, LAST_DAY

#: The largest primary key any supported database stores (PostgreSQL's ``integer``);
#: SQLite refuses integers past 2**63 - 1 with an OverflowError, a 500.
MAX_ID = 2**31 - 1


def id_param(value: str | None) -> int | None:
    """A record id from the query string, or None when it is empty or cannot be one."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 1 <= number <= MAX_ID else None


def day_param(value: str | None) -> datetime.date | None:
    """An AAAA-MM-JJ day within ``core.dates``' years, or None."""
    try:
        day = parse_date(value or "")
    except ValueError:  # well formed, but no such day (« 2026-02-31 »)
        return None
    if day is None or not FIRST_DAY <= day <= LAST_DAY:
        return None
    return day


def moment_param(value: str | None) -> datetime.datetime | None:
    """An aware ISO datetime within ``core.dates``' years, or None (a naive one too)."""
    try:
        moment = parse_datetime(value or "")
    except ValueError:  # well formed, but no such moment
        return None
    if moment is None or moment.tzinfo is None or not FIRST_DAY <= moment.date() <= LAST_DAY:
        return None
    return moment
