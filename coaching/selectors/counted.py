"""What counts toward a programme's targets, by a given day: one queryset per source.

The dashboard's figures, the ERIC page's, the API's, the committee report's and the
journal lists they open all read these functions, so that a figure always equals the
number of rows of the list it opens. A record counts when it is dated within the
programme's period and no later than ``until`` (the day the figures are « arrêtés au »).
"""

import datetime

from core.dates import day_after, paris_midnight

from ..models import Animation, FederatingEventParticipation, Programme


def _in_pilot(queryset, pilot: str | None, path: str):
    return queryset.filter(**{path: pilot}) if pilot else queryset


def counted_animations(programme: Programme, *, until: datetime.date, pilot: str | None = None):
    """Animations of ``programme`` that count (stored verdict: held within the period,
    multi-partner, documented), held by ``until``; only the ERIC of ``pilot`` if given."""
    animations = Animation.objects.counted().filter(
        accompaniment__programme=programme,
        starts_at__gte=paris_midnight(programme.start_date),
        starts_at__lt=day_after(min(until, programme.end_date)),
    )
    return _in_pilot(animations, pilot, "accompaniment__eric__pilot")


def federating_participations(
    programme: Programme, *, until: datetime.date, pilot: str | None = None
):
    """ERIC's participations in the programme's federating events that began within the
    period, by ``until``. An ERIC's figure is the number of its participations (one per
    event and ERIC)."""
    participations = FederatingEventParticipation.objects.filter(
        event__programme=programme,
        event__starts_on__gte=programme.start_date,
        event__starts_on__lte=min(until, programme.end_date),
    )
    return _in_pilot(participations, pilot, "accompaniment__eric__pilot")
