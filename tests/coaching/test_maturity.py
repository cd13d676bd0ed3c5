"""The tiers-lieu maturity grid: when each phase is due, the workflow (draft → submitted →
validated, or sent back), who sees and does what, the database's guarantees, the radar on
the trajectory page, the demo."""

import base64
import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from coaching import perms, services
from coaching.enums import AssessmentStatus, MaturityCriterion, MaturityPhase
from coaching.models import MaturityAssessment, MaturityScore
from coaching.models.maturity import phase_due, phase_windows
from core.changes import eric_group
from tests.factories import make_accompaniment

START_WINDOW_DAY = datetime.date(2026, 10, 15)  # month 2 of the programme: « début » is due


def all_levels(**overrides):
    levels = {c: 2 for c in MaturityCriterion.values}
    levels.update(overrides)
    return levels


def draft(world, *, eric="a", phase=MaturityPhase.START, levels=None, comments=None, today=None):
    return services.maturity_assessment_save_draft(
        by=getattr(world, f"team_{eric}"),
        accompaniment=getattr(world, f"accompaniment_{eric}"),
        phase=phase,
        levels=all_levels() if levels is None else levels,
        comments=comments,
        today=today or START_WINDOW_DAY,
    )


def submitted(world, **kwargs):
    eric = kwargs.get("eric", "a")
    return services.maturity_assessment_submit(
        by=getattr(world, f"team_{eric}"), assessment=draft(world, **kwargs)
    )


def validated(world, **kwargs):
    eric = kwargs.get("eric", "a")
    return services.maturity_assessment_validate(
        by=getattr(world, f"coach_{eric}"), assessment=submitted(world, **kwargs)
    )


def stored_levels(assessment):
    return dict(
        MaturityScore.objects.filter(assessment=assessment).values_list("criterion", "level")
    )


# --- When a phase is due ---------------------------------------------------------------


def test_the_three_windows_of_a_ten_month_accompaniment(world):
    windows = {
        w.phase: (w.first_month, w.last_month, w.starts_on, w.ends_on)
        for w in phase_windows(world.accompaniment_a)
    }
    assert windows == {
        MaturityPhase.START: (1, 2, datetime.date(2026, 9, 1), datetime.date(2026, 10, 31)),
        MaturityPhase.MIDDLE: (5, 6, datetime.date(2027, 1, 1), datetime.date(2027, 2, 28)),
        MaturityPhase.END: (9, 10, datetime.date(2027, 5, 1), datetime.date(2027, 6, 30)),
    }


@pytest.mark.parametrize(
    ("day", "phase"),
    [
        ((2026, 8, 31), None),  # before the accompaniment
        ((2026, 9, 1), MaturityPhase.START),
        ((2026, 10, 31), MaturityPhase.START),
        ((2026, 11, 1), None),
        ((2026, 11, 22), None),  # « today » in the demo: between start and middle
        ((2026, 12, 31), None),
        ((2027, 1, 1), MaturityPhase.MIDDLE),
        ((2027, 2, 28), MaturityPhase.MIDDLE),
        ((2027, 3, 1), None),
        ((2027, 4, 30), None),
        ((2027, 5, 1), MaturityPhase.END),
        ((2027, 6, 30), MaturityPhase.END),
        ((2027, 7, 1), None),  # after the accompaniment
    ],
)
def test_phase_due_at_the_edges(world, day, phase):
    due = phase_due(world.accompaniment_a, datetime.date(*day))
    assert (due.phase if due else None) == phase


def test_short_accompaniments_get_windows_that_never_overlap(world):
    short = make_accompaniment(
        programme=world.programme,
        start_date=datetime.date(2026, 9, 15),
        end_date=datetime.date(2026, 12, 20),
    )
    windows = phase_windows(short)
    assert [(w.first_month, w.last_month) for w in windows] == [(1, 2), (3, 3), (4, 4)]
    assert windows[0].starts_on == datetime.date(2026, 9, 15)  # not before the start
    assert windows[-1].ends_on == datetime.date(2026, 12, 20)  # not after the end
    for earlier, later in zip(windows, windows[1:], strict=False):
        assert earlier.ends_on < later.starts_on


# --- The database keeps its promises -----------------------------------------------------


def test_one_assessment_per_accompaniment_and_phase(world):
    draft(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        MaturityAssessment.objects.create(
            accompaniment=world.accompaniment_a, phase=MaturityPhase.START
        )


@pytest.mark.parametrize("level", [5, 9])
def test_levels_stay_between_0_and_4_in_the_database(world, level):
    assessment = draft(world, levels={})
    with pytest.raises(IntegrityError), transaction.atomic():
        MaturityScore.objects.create(
            assessment=assessment, criterion=MaturityCriterion.COMMUNITY, level=level
        )


def test_one_score_per_criterion(world):
    assessment = draft(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        MaturityScore.objects.create(
            assessment=assessment, criterion=MaturityCriterion.COMMUNITY, level=1
        )


def test_a_submitted_status_needs_its_date_in_the_database(world):
    assessment = draft(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        MaturityAssessment.objects.filter(pk=assessment.pk).update(
            status=AssessmentStatus.SUBMITTED
        )


# --- The workflow ----------------------------------------------------------------------


def test_draft_submit_send_back_resubmit_validate_then_locked(world):
    assessment = draft(world, levels={MaturityCriterion.COMMUNITY: 1})
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.created_by == world.team_a

    with pytest.raises(ValidationError) as error:
        services.maturity_assessment_submit(by=world.team_a, assessment=assessment)
    assert (
        "il manque : gouvernance, modèle économique, services, ouverture, documentation"
        in (error.value.messages[0])
    )

    assessment = draft(world, levels=all_levels(community=1), comments={"community": " Noyau "})
    assessment = services.maturity_assessment_submit(by=world.team_a, assessment=assessment)
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.submitted_by == world.team_a and assessment.submitted_at
    assert MaturityScore.objects.get(assessment=assessment, criterion="community").comment == (
        "Noyau"
    )

    with pytest.raises(ValidationError, match="ne se modifie plus"):
        draft(world, levels=all_levels(community=4))
    with pytest.raises(ValidationError, match="ce qu'elle doit revoir"):
        services.maturity_assessment_send_back(by=world.coach_a, assessment=assessment, comment=" ")

    assessment = services.maturity_assessment_send_back(
        by=world.coach_a, assessment=assessment, comment="La gouvernance me semble surestimée."
    )
    assert assessment.status == AssessmentStatus.RETURNED
    assert assessment.review_comment == "La gouvernance me semble surestimée."

    assessment = draft(world, levels=all_levels(community=1, governance=1))
    assessment = services.maturity_assessment_submit(by=world.team_a, assessment=assessment)
    assert assessment.status == AssessmentStatus.SUBMITTED

    assessment = services.maturity_assessment_validate(
        by=world.coach_a, assessment=assessment, comment="Merci !"
    )
    assert assessment.status == AssessmentStatus.VALIDATED
    assert assessment.reviewed_by == world.coach_a and assessment.reviewed_at
    assert stored_levels(assessment) == all_levels(community=1, governance=1)

    # Locked: the team cannot change it, the coach cannot review it again.
    with pytest.raises(ValidationError, match="validée : elle ne se modifie plus"):
        draft(world, levels=all_levels(community=4))
    with pytest.raises(ValidationError, match="validée"):
        services.maturity_assessment_submit(by=world.team_a, assessment=assessment)
    with pytest.raises(ValidationError, match="déjà validée"):
        services.maturity_assessment_send_back(by=world.coach_a, assessment=assessment, comment="x")
    assert stored_levels(assessment) == all_levels(community=1, governance=1)


def test_a_draft_may_be_partial_and_unanswered_criteria_are_removed(world):
    assessment = draft(world, levels=all_levels())
    draft(world, levels={**all_levels(), "services": None})
    assert "services" not in stored_levels(assessment)


@pytest.mark.parametrize("who", ["coach_a", "region", "admin", "team_b", "coach_b", "partner"])
def test_only_the_eric_team_fills_in_its_grid(world, who):
    with pytest.raises(PermissionDenied):
        services.maturity_assessment_save_draft(
            by=getattr(world, who),
            accompaniment=world.accompaniment_a,
            phase=MaturityPhase.START,
            levels=all_levels(),
            today=START_WINDOW_DAY,
        )
    assessment = draft(world)
    with pytest.raises(PermissionDenied):
        services.maturity_assessment_submit(by=getattr(world, who), assessment=assessment)
    assert not MaturityAssessment.objects.exclude(status=AssessmentStatus.DRAFT).exists()


@pytest.mark.parametrize("who", ["team_a", "region", "admin", "coach_b", "team_b", "partner"])
def test_only_the_resource_person_validates_or_sends_back(world, who):
    assessment = submitted(world)
    with pytest.raises(PermissionDenied):
        services.maturity_assessment_validate(by=getattr(world, who), assessment=assessment)
    with pytest.raises(PermissionDenied):
        services.maturity_assessment_send_back(
            by=getattr(world, who), assessment=assessment, comment="Non"
        )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED


def test_a_phase_cannot_be_filled_before_its_window(world):
    with pytest.raises(ValidationError) as error:
        draft(world, phase=MaturityPhase.END)
    assert error.value.messages == ["La grille « fin » s'ouvre le 1er mai 2027."]
    # Late is better than never: « début » can still be filled in December.
    assert draft(world, today=datetime.date(2026, 12, 10)).phase == MaturityPhase.START


def test_a_comment_is_never_dropped_for_want_of_a_level(world):
    with pytest.raises(ValidationError, match="garder le commentaire sur : ouverture"):
        draft(world, levels={"community": 1}, comments={"openness": "À discuter"})
    assert not MaturityAssessment.objects.exists()


def test_an_out_of_range_level_is_refused_by_the_service(world):
    with pytest.raises(ValidationError):
        draft(world, levels=all_levels(openness=7))
    assert not MaturityScore.objects.exists()


def test_each_change_is_announced_after_commit(world, django_capture_on_commit_callbacks):
    from asgiref.sync import async_to_sync
    from channels.layers import channel_layers, get_channel_layer
    from django.test import override_settings

    in_memory = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    with override_settings(CHANNEL_LAYERS=in_memory):
        channel_layers.backends.clear()
        layer = get_channel_layer()
        channel = async_to_sync(layer.new_channel)()
        async_to_sync(layer.group_add)(eric_group(world.eric_a.pk), channel)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assessment = validated(world)
        assert len(callbacks) == 3  # saved, submitted, validated: nothing sent before commit
        for callback in callbacks:
            callback()
        messages = [async_to_sync(layer.receive)(channel) for _ in callbacks]
        channel_layers.backends.clear()
    assert {(m["kind"], m["pk"], m["eric"], m["shared"]) for m in messages} == {
        ("maturity_assessment", assessment.pk, world.eric_a.pk, True)
    }


def test_every_step_is_in_the_history(world):
    from auditlog.models import LogEntry

    assessment = validated(world)
    entries = LogEntry.objects.get_for_object(assessment)
    assert entries.count() >= 3  # created, submitted, validated
    assert LogEntry.objects.filter(content_type__model="maturityscore").count() == 6


# --- Who sees what -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sees_draft", "sees_submitted"),
    [
        ("team_a", True, True),
        ("coach_a", True, True),
        ("region", False, True),
        ("admin", False, True),
        ("team_b", False, False),
        ("coach_b", False, False),
        ("partner", False, False),
        ("outsider", False, False),
    ],
)
def test_visibility_matrix(world, who, sees_draft, sees_submitted):
    user = getattr(world, who)
    a_draft = draft(world)
    a_submitted = submitted(world, phase=MaturityPhase.MIDDLE, today=datetime.date(2027, 1, 5))
    assert perms.can_view_maturity_assessment(user, a_draft) is sees_draft
    assert perms.can_view_maturity_assessment(user, a_submitted) is sees_submitted
    visible = set(MaturityAssessment.objects.visible_to(user))
    assert (a_draft in visible) is sees_draft
    assert (a_submitted in visible) is sees_submitted


def test_the_region_sees_only_the_programmes_it_funds(world):
    from tests.factories import make_programme

    other = make_accompaniment(programme=make_programme())
    assessment = MaturityAssessment.objects.create(
        accompaniment=other,
        phase=MaturityPhase.START,
        status=AssessmentStatus.SUBMITTED,
        submitted_at=datetime.datetime(2026, 9, 20, tzinfo=datetime.UTC),
    )
    assert not perms.can_view_maturity_assessment(world.region, assessment)
    assert assessment not in MaturityAssessment.objects.visible_to(world.region)


# --- The radar -----------------------------------------------------------------------------


def test_the_radar_is_an_svg_without_script_with_one_line_per_phase():
    from coaching.charts import RadarSeries, maturity_radar

    svg = maturity_radar(
        "Grille de maturité tiers-lieu",
        [
            RadarSeries("start", "début — validée", (1, 2, 0, 2, 1, 1), validated=True),
            RadarSeries("middle", "mi-parcours — soumise, à valider", (2, 2, 1, 3, None, 2)),
        ],
    )
    assert svg.startswith("<svg")
    assert "<script" not in svg
    for text in ("début — validée", "mi-parcours — soumise, à valider", "modèle économique"):
        assert text in svg
    assert "dasharray" in svg  # the phase not yet validated is dashed
    # the same grid gives the same picture, so a live refresh without change is silent
    assert svg == maturity_radar(
        "Grille de maturité tiers-lieu",
        [
            RadarSeries("start", "début — validée", (1, 2, 0, 2, 1, 1), validated=True),
            RadarSeries("middle", "mi-parcours — soumise, à valider", (2, 2, 1, 3, None, 2)),
        ],
    )


def radar_of(html):
    source = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    return base64.b64decode(source.group(1)).decode() if source else None
