"""Each chart's short text alternative (RGAA 1.1, 1.3), written from its data."""

import datetime

from django.utils import translation

from coaching.charts import RadarSeries, radar_summary
from progress.charts import chart_summary
from progress.indicators.figures import MonthPoint


def points(*monthly, expected):
    result, total = [], 0
    for index, value in enumerate(monthly):
        total += value
        result.append(
            MonthPoint(
                month=datetime.date(2026, 9 + index, 1),
                value=value,
                cumulative=total,
                expected=expected[index],
            )
        )
    return result


def test_a_cumulative_chart_says_where_it_stands_its_trend_and_its_pace():
    with translation.override("fr"):
        text = chart_summary("Animations", points(5, 3, 4, expected=[4, 8, 15]), 30)
    assert text == (
        "Animations : 12 sur 30, en hausse le mois dernier (4 contre 3), "
        "en dessous du rythme attendu (15 attendus à ce jour)."
    )


def test_a_month_under_way_is_not_compared_with_a_whole_one():
    # 2 November: the month has begun, October (3) is compared with September (5).
    with translation.override("fr"):
        text = chart_summary(
            "Animations",
            points(5, 3, 0, expected=[4, 8, 8]),
            30,
            today=datetime.date(2026, 11, 2),
        )
    assert text == (
        "Animations : 8 sur 30, 0 depuis le début du mois, "
        "en baisse le mois dernier (3 contre 5), au rythme attendu (8 attendus à ce jour)."
    )


def test_a_falling_or_steady_month_and_a_kept_pace_are_said_so():
    with translation.override("fr"):
        falling = chart_summary("Fiches", points(4, 1, expected=[2, 4]), 10)
        steady = chart_summary("Fiches", points(2, 2, expected=[2, 4]), 10)
    assert "en baisse le mois dernier (1 contre 4)" in falling
    assert "au rythme attendu (4 attendus à ce jour)" in falling
    assert "stable le mois dernier (2, comme le mois précédent)" in steady


def test_a_chart_without_data_says_so():
    with translation.override("fr"):
        assert chart_summary("Formations", [], 4) == "Formations : pas encore de données."
        first = chart_summary("Formations", points(1, expected=[1]), 4)
    assert first == "Formations : 1 sur 4, au rythme attendu (1 attendu à ce jour)."


def test_the_radar_gives_each_phase_s_mean_and_the_direction():
    series = [
        RadarSeries(phase="start", label="Début — validée", levels=(1, 2, None, 1, 2, 2)),
        RadarSeries(phase="middle", label="Mi-parcours — soumise", levels=(3, 3, 2, 2, 3, 3)),
    ]
    with translation.override("fr"):
        text = radar_summary(series)
        empty = radar_summary([])
    assert text == (
        "Grille de maturité, Début — validée : niveau moyen 1,6 sur 4 ; "
        "Mi-parcours — soumise : niveau moyen 2,7 sur 4, en progression."
    )
    assert empty == "Grille de maturité : pas encore de grille soumise."
