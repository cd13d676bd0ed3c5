"""The accompaniment's own reads for its pages, computed in SQL: a user's home and a
programme's overview (``home``), the maturity grid's section (``maturity``). What reads
across the apps (indicators, dashboards, the trajectory page) lives in ``progress``."""

from .home import (
    OPEN_STATUSES,
    accompaniments_for_home,
    milestones_to_act_on,
    month_bounds,
    programme_overview,
    programmes_for_home,
)
from .maturity import PHASE_SLUGS, PHASES_BY_SLUG, trajectory_section

__all__ = [
    "OPEN_STATUSES",
    "PHASES_BY_SLUG",
    "PHASE_SLUGS",
    "accompaniments_for_home",
    "milestones_to_act_on",
    "month_bounds",
    "programme_overview",
    "programmes_for_home",
    "trajectory_section",
]
