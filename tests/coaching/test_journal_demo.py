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
)
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
    pilot_2 = Animation.objects.filter(accompaniment__eric__pilot="accompaniment")
    for slug in ("made-in-la-boate", "centre-social-jean-paul-coste", "le-hublot-les-satellites"):
        months = {a.starts_at.month for a in pilot_2.filter(accompaniment__eric__slug=slug)}
        assert months == {9, 10, 11}, slug
    fete = Animation.objects.get(title__startswith="Fête du Miel")
    assert fete.status == AnimationStatus.PLANNED
    held_undocumented = [
        a for a in Animation.objects.with_counting() if a.status == "held" and not a.is_documented
    ]
    assert [a.title for a in held_undocumented] == ["Hackathon des données du quartier"]
    assert Animation.objects.counted().exists()
    assert first["FederatingEvent"] == 1
    assert first["FederatingEventParticipation"] == 3
