"""The cached indicators pickle their calendar without ``Calendar.at``'s memo: one
calendar per month end, each with its own list of the programme's Mondays, would ride
along in Redis with every programme's figures."""

import datetime
import pickle

import pytest

from coaching.enums import Basis, Indicator
from progress.indicators import programme_indicators
from progress.indicators.calendar import AT_MEMO, Calendar
from tests.factories import make_target

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 2, 15)


def test_the_memo_of_at_is_not_pickled(world):
    calendar = Calendar(world.programme, DAY)
    calendar.weeks_ended()  # its own cached figures pickle with it
    alone = len(pickle.dumps(calendar))
    for month in world.programme.months():
        calendar.at(month).weeks_ended()
    assert len(calendar.__dict__[AT_MEMO]) == len(world.programme.months())
    pickled = pickle.dumps(calendar)
    assert len(pickled) == alone
    copy = pickle.loads(pickled)
    assert AT_MEMO not in copy.__dict__
    assert copy.weeks_ended() == calendar.weeks_ended()
    # the copy makes its own again when asked
    month = world.programme.months()[2]
    assert copy.at(month).weeks_ended() == calendar.at(month).weeks_ended()


def test_the_cached_indicators_carry_no_memo(world):
    programme = world.programme
    make_target(
        programme=programme, indicator=Indicator.ANIMATIONS, value=1, basis=Basis.PER_ERIC_PER_MONTH
    )
    make_target(programme=programme, indicator=Indicator.TRAININGS, value=3)
    result = programme_indicators(programme, today=DAY)
    assert result.calendar.__dict__.get(AT_MEMO)  # the month points asked for it
    copy = pickle.loads(pickle.dumps(result))
    assert AT_MEMO not in copy.calendar.__dict__
    size = len(pickle.dumps(result))
    for day in range(1, 29):  # more days asked: the pickle does not grow
        result.calendar.at(DAY.replace(day=day)).weeks_ended()
    assert len(pickle.dumps(result)) == size
    assert [row.figure for row in copy.rows] == [row.figure for row in result.rows]
