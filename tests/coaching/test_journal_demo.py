"""The demo journal: the real programme's rhythm, loaded twice without change."""

from coaching.enums import AnimationStatus
from coaching.models import (
    Animation,
    AnimationMedia,
    CoachingSession,
    FederatingEvent,
    FederatingEventParticipation,
    HotlineCall,
    HotlineSlot,
    Programme,
)
from core.dates import local_day
from demo.loader import load_demo_data


def journal_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            HotlineSlot,
            HotlineCall,
            CoachingSession,
            Animation,
            AnimationMedia,
            FederatingEvent,
            FederatingEventParticipation,
        )
    }


def test_demo_journal_loads_twice_without_change(db):
    load_demo_data()
    first = journal_counts()
    load_demo_data()
    assert journal_counts() == first
    assert first["HotlineSlot"] >= 1
    programme = Programme.objects.get()
    month_5 = programme.months()[4]
    pilot_2 = Animation.objects.filter(accompaniment__eric__pilot="accompaniment")
    for slug in ("made-in-la-boate", "centre-social-jean-paul-coste", "le-hublot-les-satellites"):
        animations = pilot_2.filter(accompaniment__eric__slug=slug)
        # one a month: months 1 to 4 behind, month 5 (the load day's) under way
        months = [programme.month_number(local_day(a.starts_at)) for a in animations]
        assert sorted(months) == [1, 2, 3, 4, 5], slug
    fete = Animation.objects.get(title__startswith="Fête du Miel")
    assert fete.status == AnimationStatus.PLANNED
    # of the months behind, one animation waits for its report (this month's may too)
    held_undocumented = [
        a
        for a in Animation.objects.with_counting()
        if a.status == "held" and not a.is_documented and local_day(a.starts_at) < month_5
    ]
    assert [a.title for a in held_undocumented] == ["Hackathon des données du quartier"]
    assert Animation.objects.counted().exists()
    assert first["FederatingEvent"] == 1
    assert first["FederatingEventParticipation"] == 3
