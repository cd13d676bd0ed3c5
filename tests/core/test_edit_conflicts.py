"""Two people editing the same record: the second is told, nothing is silently
overwritten (issue 18, item 10; ``core.forms.EditConflictMixin`` and ``guard_edit``).

One case per family of edit forms: the first person opens the form, someone else saves
the same record meanwhile, the first person's save is refused in French naming the field
changed, their text stays on the form, the other's save is kept; saving again after
seeing it saves."""

import datetime
import html
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse

from coaching import services as coaching
from coaching.models import (
    Animation,
    CoachingSession,
    FederatingEvent,
    HotlineCall,
    MaturityAssessment,
    Milestone,
)
from maps import services as maps
from maps.enums import Circle, Relation
from maps.models import TrustCircleEntry
from newsletter.models import Section
from newsletter.services import issues
from organisations.enums import Role
from tests.coaching.journal_helpers import animation, call, past, session
from tests.coaching.test_maturity import START_WINDOW_DAY, draft
from tests.factories import make_user
from tests.trainings.factories import make_training
from trainings import services as trainings
from trainings.models import Training

CONFLICT = "Quelqu'un d'autre a modifié cette fiche"


def _form_data(response, **changes):
    """What the browser posts back from the form on ``response``, with ``changes``."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(field.widget, forms.DateInput | forms.DateTimeInput):
            data[name] = field.widget.format_value(value)
        elif value is True:
            data[name] = "on"
        else:
            data[name] = value
    data.update(changes)
    return data


@dataclass
class Case:
    """A family of edit forms: ``make(world)`` gives ``(url, user, record)``;
    ``other_save(world, record)`` is someone else's save meanwhile; the first person types
    ``typed`` into ``field`` (label ``label``), and ``stored(record)`` reads it back."""

    make: object
    other_save: object
    field: str
    label: str
    stored: object
    extra: dict | None = None


def _hotline(world):
    record = call(world, summary="Question sur le wiki")
    return reverse("coaching:hotline_call_update", args=[record.pk]), world.coach_a, record


def _session(world):
    record = session(world, objectives="Préparer la gouvernance")
    return reverse("coaching:coaching_session_update", args=[record.pk]), world.coach_a, record


def _animation(world):
    record = animation(world, title="Atelier tiers-lieu")
    return reverse("coaching:animation_update", args=[record.pk]), world.coach_a, record


def _event(world):
    record = coaching.federating_event_create(
        by=world.coach_a,
        programme=world.programme,
        name="Fête du Miel",
        starts_on=past().date(),
        participations={world.accompaniment_a: "stand"},
    )
    return reverse("coaching:federating_event_update", args=[record.pk]), world.coach_a, record


def _milestone(world):
    record = coaching.milestone_create(
        by=world.coach_a,
        accompaniment=world.accompaniment_a,
        title="Gouvernance écrite",
        due_date=datetime.date(2027, 3, 1),
    )
    return reverse("coaching:milestone_update", args=[record.pk]), world.coach_a, record


def _maturity(world):
    record = draft(world, comments={"governance": "Un bureau élu"})
    url = reverse("coaching:maturity_assessment_form", args=[world.accompaniment_a.pk, "debut"])
    return url, world.team_a, record


def _entry(world):
    record = maps.trust_circle_entry_create(
        by=world.team_a,
        eric=world.eric_a,
        name="Fablab du port",
        circle=Circle.EXTENDED,
        relation=Relation.SUPPLIER,
        since=datetime.date(2026, 10, 1),
        latitude=Decimal("43.3"),
        longitude=Decimal("5.36"),
    )
    return reverse("maps:entry_update", args=[record.pk]), world.team_a, record


def _training(world):
    record = make_training(world, objectives="Comprendre la coopérative")
    return reverse("trainings:training_update", args=[record.pk]), world.admin, record


def _section(world):
    editor = make_user(username="editor", organisation=world.region_org, role=Role.EDITOR)
    issue = issues.issue_create(
        by=editor,
        programme=world.programme,
        number=1,
        month=datetime.date(2026, 11, 1),
        title="Les ERIC ouvrent leurs portes",
    )
    record = issues.section_create(
        by=editor,
        issue=issue,
        title="À la Boate",
        organisation=world.eric_a,
        deadline=datetime.date(2026, 11, 20),
    )
    issues.section_write(by=editor, section=record, body="Un repair café.", submit=False)
    return reverse("newsletter:section_edit", args=[record.pk]), editor, record


CASES = {
    "hotline call": Case(
        _hotline,
        lambda w, r: coaching.hotline_call_update(by=w.coach_a, call=r, summary="Rappel"),
        "summary",
        "Résumé",
        lambda r: HotlineCall.objects.get(pk=r.pk).summary,
    ),
    "coaching session": Case(
        _session,
        lambda w, r: coaching.coaching_session_update(by=w.coach_a, session=r, objectives="Rappel"),
        "objectives",
        "Objectifs",
        lambda r: CoachingSession.objects.get(pk=r.pk).objectives,
    ),
    "animation": Case(
        _animation,
        lambda w, r: coaching.animation_update(by=w.coach_a, animation=r, title="Rappel"),
        "title",
        "Titre",
        lambda r: Animation.objects.get(pk=r.pk).title,
    ),
    "federating event": Case(
        _event,
        lambda w, r: coaching.federating_event_update(by=w.coach_a, event=r, account="Rappel"),
        "account",
        "Récit",
        lambda r: FederatingEvent.objects.get(pk=r.pk).account,
    ),
    "milestone": Case(
        _milestone,
        lambda w, r: coaching.milestone_update(by=w.coach_a, milestone=r, title="Rappel"),
        "title",
        "Intitulé",
        lambda r: Milestone.objects.get(pk=r.pk).title,
    ),
    "maturity grid": Case(
        _maturity,
        lambda w, r: draft(w, comments={"governance": "Rappel"}),
        "comment_governance",
        "Commentaire sur",
        lambda r: (
            MaturityAssessment.objects.get(pk=r.pk).scores.get(criterion="governance").comment
        ),
        extra={"action": "draft"},
    ),
    "trust circle entry": Case(
        _entry,
        lambda w, r: maps.trust_circle_entry_update(by=w.team_a, entry=r, description="Rappel"),
        "description",
        "Description",
        lambda r: TrustCircleEntry.objects.get(pk=r.pk).description,
    ),
    "training": Case(
        _training,
        lambda w, r: trainings.training_update(by=w.admin, training=r, objectives="Rappel"),
        "objectives",
        "Objectifs",
        lambda r: Training.objects.get(pk=r.pk).objectives,
    ),
    "newsletter section": Case(
        _section,
        lambda w, r: issues.section_write(by=w.team_a, section=r, body="Rappel", submit=False),
        "body",
        "Texte de la rubrique",
        lambda r: Section.objects.get(pk=r.pk).body,
    ),
}


@pytest.fixture
def at_grid_time(time_machine_today):
    time_machine_today(START_WINDOW_DAY)


@pytest.mark.parametrize("family", CASES)
def test_the_second_save_is_told_and_overwrites_nothing(family, world, client, at_grid_time):
    case = CASES[family]
    url, user, record = case.make(world)
    client.force_login(user)
    opened = client.get(url)  # the first person opens the form…
    assert opened.status_code == 200
    assert 'name="edit_token"' in opened.content.decode()

    case.other_save(world, record)  # …someone else saves the same record meanwhile

    extra = case.extra or {}
    response = client.post(url, _form_data(opened, **{case.field: "Ma version"}, **extra))

    assert response.status_code in (200, 400)
    page = html.unescape(response.content.decode())
    assert CONFLICT in page
    assert case.label in page.split(CONFLICT, 1)[1].split("Rien n'a été enregistré", 1)[0]
    assert "« Rappel" in page  # the value now stored is named
    assert "Ma version" in page  # the person's input is kept on the form
    assert "Rappel" in case.stored(record)  # the other's save is kept

    # having seen it, the person saves again: now it is theirs
    again = client.post(url, _form_data(response, **{case.field: "Ma version"}, **extra))
    assert again.status_code == 302, html.unescape(again.content.decode())[:3000]
    assert "Ma version" in case.stored(record)


@pytest.mark.parametrize("family", CASES)
def test_an_edit_without_a_concurrent_change_saves(family, world, client, at_grid_time):
    case = CASES[family]
    url, user, record = case.make(world)
    client.force_login(user)
    opened = client.get(url)
    response = client.post(url, _form_data(opened, **{case.field: "Complété"}, **case.extra or {}))
    assert response.status_code == 302
    assert "Complété" in case.stored(record)


def test_a_forged_token_is_a_conflict_not_a_save(world, client):
    url, user, record = _hotline(world)
    client.force_login(user)
    opened = client.get(url)
    response = client.post(url, _form_data(opened, summary="Forcé", edit_token="x"))
    assert response.status_code == 200
    assert "toute la fiche" in html.unescape(response.content.decode())
    assert HotlineCall.objects.get(pk=record.pk).summary == "Question sur le wiki"
