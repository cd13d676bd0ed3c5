"""Days as the programme lives them: Europe/Paris midnights, months, long French dates."""

import datetime
import re

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

#: The days a user may ask for (a filter, an agenda's date). Beyond them a date is a
#: typing slip (« 0202-10-01 »), and the midnight after it would overflow Python's dates
#: (year 9999) or, once converted to UTC, the database's (year 1).
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)


def paris_midnight(day: datetime.date) -> datetime.datetime:
    """The aware midnight that starts ``day`` in the current time zone (Europe/Paris)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def day_after(day: datetime.date) -> datetime.datetime:
    """The midnight that ends ``day``: records of ``day`` are those before it."""
    return paris_midnight(day + datetime.timedelta(days=1))


def local_day(moment: datetime.date | datetime.datetime) -> datetime.date:
    """The Europe/Paris day of an aware datetime (a date, or a naive datetime, is its own
    day). ``localtime`` rather than ``localdate``: tests pin "today" by patching the
    latter."""
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return moment


def local_month(moment) -> datetime.date:
    """The first day of the month of an aware datetime or a date, in Europe/Paris."""
    return local_day(moment).replace(day=1)


def first_day_format(day: datetime.date, format: str) -> str:
    """``format`` with French's « 1er » for the first of a month (« le 1er mai », not
    « le 1 mai »); unchanged on other days and in other languages."""
    if getattr(day, "day", None) == 1 and (get_language() or "fr").startswith("fr"):
        return re.sub(r"(?<!\\)j", r"\\1\\e\\r", format, count=1)
    return format


def long_date(day: datetime.date, format: str = "j F Y") -> str:
    """« 1er septembre 2026 », « 30 juin 2027 » (« September 1, 2026 » in English)."""
    return date_format(day, first_day_format(day, format))
