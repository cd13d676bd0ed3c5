"""French writes the first of a month « 1er »: « le 1er mai », « du 1er septembre »."""

import datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

from core.dates import long_date


def render(value, format):
    return Template('{{ value|day_date:"%s" }}' % format).render(Context({"value": value}))


def test_the_first_of_a_month_reads_1er_in_french_only():
    first, second = datetime.date(2027, 5, 1), datetime.date(2027, 5, 2)
    assert render(first, "j F Y") == "1er mai 2027"
    assert render(first, "l j F") == "samedi 1er mai"
    assert render(second, "j F Y") == "2 mai 2027"
    assert long_date(first) == "1er mai 2027" and long_date(second) == "2 mai 2027"
    with translation.override("en"):
        assert render(first, "j F Y") == "1 May 2027"
        assert long_date(first) == "1 May 2027"


def test_an_aware_moment_is_read_on_its_paris_day():
    # 23:30 UTC on 30 April is 1:30 on 1 May in Paris
    moment = datetime.datetime(2027, 4, 30, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert render(moment, "j F Y, H:i") == "1er mai 2027, 01:30"
    assert render(None, "j F Y") == ""
