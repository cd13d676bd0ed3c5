"""Indicators: each target of a programme against what was logged, computed in SQL.

``calendar`` says where a day falls in the programme, ``counts`` reads each source,
``figures`` builds the rows (programme, per ERIC, month by month) and ``cache`` shares
them between the pages. The definitions are written once, in ``figures``.
"""

from .cache import cached_programme_indicators, forget_recent_indicators
from .calendar import Calendar, programme_bounds
from .counts import UNDOCUMENTED_AFTER_DAYS, undocumented_animations
from .figures import (
    NOT_TRACKED,
    EricIndicators,
    Figure,
    IndicatorRow,
    MonthPoint,
    ProgrammeIndicators,
    Status,
    eric_indicators,
    programme_indicators,
    status_for,
)

__all__ = [
    "NOT_TRACKED",
    "UNDOCUMENTED_AFTER_DAYS",
    "Calendar",
    "EricIndicators",
    "Figure",
    "IndicatorRow",
    "MonthPoint",
    "ProgrammeIndicators",
    "Status",
    "cached_programme_indicators",
    "eric_indicators",
    "forget_recent_indicators",
    "programme_bounds",
    "programme_indicators",
    "status_for",
    "undocumented_animations",
]
