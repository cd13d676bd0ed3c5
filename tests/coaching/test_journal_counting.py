"""The animation counting rule, at its edges, in SQL and in French."""

import pytest
from django.core.exceptions import ValidationError

from coaching import services
from coaching.enums import AnimationStage, AnimationStatus
from coaching.models import Animation
from tests.coaching.journal_helpers import animation, counted_animation, future, partners, past


def reload(record):
    return Animation.objects.with_counting().get(pk=record.pk)


def counted_ids():
    return set(Animation.objects.counted().values_list("pk", flat=True))


def test_held_two_partners_documented_counts(world):
    record = counted_animation(world)
    assert counted_ids() == {record.pk}
    fresh = reload(record)
    assert fresh.missing_pieces() == []
    assert fresh.counting_summary() == "compte dans l'objectif"
    assert fresh.stage == AnimationStage.COUNTED
    # The Python side agrees without annotations too.
    assert Animation.objects.get(pk=record.pk).counts


def test_one_partner_is_one_short(world):
    record = counted_animation(world, co_organisers=partners(1))
    assert counted_ids() == set()
    assert reload(record).counting_summary() == "il manque : un partenaire"


def test_host_eric_is_not_a_partner(world):
    # The service drops the host from its own co-organisers.
    record = counted_animation(world, co_organisers=[world.eric_a, *partners(1)])
    assert record.co_organisers.count() == 1
    assert counted_ids() == set()


def test_other_eric_cannot_be_a_partner(world):
    with pytest.raises(ValidationError):
        animation(world, co_organisers=[world.eric_b, *partners(1)])


def test_programme_setting_changes_the_threshold(world):
    record = counted_animation(world, co_organisers=partners(2))
    world.programme.animation_min_partners = 3
    world.programme.save(update_fields=["animation_min_partners"])
    assert services.programme_counting_refresh(world.programme) == 1
    assert counted_ids() == set()
    assert reload(record).missing_pieces() == ["un partenaire"]
    world.programme.animation_min_partners = 4
    world.programme.save(update_fields=["animation_min_partners"])
    assert reload(record).missing_pieces() == ["2 partenaires"]
    world.programme.animation_min_partners = 2
    world.programme.save(update_fields=["animation_min_partners"])
    services.programme_counting_refresh(world.programme)
    assert counted_ids() == {record.pk}


def test_report_without_attendance_does_not_count(world):
    record = animation(world, co_organisers=partners(2))
    services.animation_document(
        by=world.coach_a, animation=record, report_what_happened="Un bel atelier."
    )
    assert counted_ids() == set()
    assert reload(record).counting_summary() == "il manque : la fréquentation"


def test_attendance_of_zero_is_not_attendance(world):
    record = animation(world, co_organisers=partners(2))
    services.animation_document(
        by=world.coach_a,
        animation=record,
        report_what_happened="Personne n'est venu.",
        attendance_residents=0,
    )
    assert counted_ids() == set()
    assert reload(record).missing_pieces() == ["la fréquentation"]


def test_one_participant_is_enough(world):
    record = animation(world, co_organisers=partners(2))
    services.animation_document(
        by=world.coach_a,
        animation=record,
        report_what_happened="Une personne, une vraie rencontre.",
        attendance_other=1,
    )
    assert counted_ids() == {record.pk}


def test_blank_report_is_no_report(world):
    record = animation(world, co_organisers=partners(2))
    services.animation_document(
        by=world.coach_a,
        animation=record,
        report_what_happened="   ",
        report_what_worked="La communication",
        attendance_residents=12,
    )
    assert counted_ids() == set()
    assert reload(record).counting_summary() == "il manque : le compte rendu"


def test_planned_animation_lacks_everything(world):
    record = animation(
        world, co_organisers=partners(1), status=AnimationStatus.PLANNED, starts_at=future()
    )
    assert reload(record).counting_summary() == (
        "il manque : que l'animation soit tenue, un partenaire, le compte rendu, la fréquentation"
    )
    assert reload(record).stage == AnimationStage.PLANNED


def test_cancelled_never_counts(world):
    record = counted_animation(world)
    services.animation_update(
        by=world.coach_a,
        animation=record,
        status=AnimationStatus.CANCELLED,
        cancellation_reason="Salle indisponible",
    )
    assert counted_ids() == set()
    assert reload(record).counting_summary() == "annulée : ne compte pas"


def test_stages_filter_like_the_rule(world):
    counted = counted_animation(world)
    documented = counted_animation(world, co_organisers=partners(1, prefix="Seul"))
    held = animation(world, co_organisers=partners(2, prefix="Autre"))
    planned = animation(world, status=AnimationStatus.PLANNED, starts_at=future())

    def stage(name):
        return set(Animation.objects.at_stage(name).values_list("pk", flat=True))

    assert stage(AnimationStage.COUNTED) == {counted.pk}
    assert stage(AnimationStage.DOCUMENTED) == {counted.pk, documented.pk}
    assert stage(AnimationStage.HELD) == {held.pk}
    assert stage(AnimationStage.PLANNED) == {planned.pk}
    assert reload(documented).stage == AnimationStage.DOCUMENTED
    assert reload(held).stage == AnimationStage.HELD


def _in_step(record):
    """The stored verdict, the SQL rule and the French rule all agree on ``record``."""
    assert not Animation.objects.counting_drift().exists()
    stored = Animation.objects.get(pk=record.pk).counts_toward_target
    assert stored == reload(record).counts
    return stored


def test_stored_verdict_follows_every_service_step(world):
    record = animation(
        world, status=AnimationStatus.PLANNED, starts_at=future(), co_organisers=partners(2)
    )
    assert _in_step(record) is False
    record = services.animation_update(
        by=world.coach_a, animation=record, status=AnimationStatus.HELD, starts_at=past()
    )
    assert _in_step(record) is False
    record = services.animation_document(
        by=world.team_a, animation=record, report_what_happened="Atelier mené"
    )
    assert _in_step(record) is False  # no attendance yet
    record = services.animation_document(by=world.team_a, animation=record, attendance_young=4)
    assert _in_step(record) is True
    assert record.counts_toward_target is True  # the instance the view renders is fresh
    record = services.animation_update(
        by=world.coach_a, animation=record, co_organisers=partners(1)
    )
    assert _in_step(record) is False
    record = services.animation_update(
        by=world.coach_a, animation=record, co_organisers=partners(2)
    )
    assert _in_step(record) is True
    record = services.animation_update(
        by=world.coach_a,
        animation=record,
        status=AnimationStatus.CANCELLED,
        cancellation_reason="Salle indisponible",
    )
    assert _in_step(record) is False


def test_check_counting_reports_and_repairs_drift(world):
    from django.core.management import CommandError, call_command

    record = counted_animation(world)
    call_command("check_counting")  # in step: no error
    Animation.objects.filter(pk=record.pk).update(counts_toward_target=False)
    with pytest.raises(CommandError, match="1 en écart"):
        call_command("check_counting")
    call_command("check_counting", "--fix")
    assert counted_ids() == {record.pk}
