"""Every write of the accompaniment, each in a transaction, announced after commit."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.changes import ChangeKind, announce
from core.licences import Licence
from core.services import apply_changes
from core.uploads import EXTENSIONS, inspect_upload
from organisations.enums import Role

from .enums import (
    AnimationStatus,
    AssessmentStatus,
    CallChannel,
    MaturityCriterion,
    MaturityPhase,
    MilestoneStatus,
    Visibility,
)
from .models import (
    ATTENDANCE_FIELDS,
    Accompaniment,
    Animation,
    AnimationMedia,
    CoachingSession,
    FederatingEvent,
    FederatingEventMedia,
    FederatingEventParticipation,
    HotlineCall,
    HotlineCallTopic,
    HotlineFollowUp,
    HotlineSlot,
    Milestone,
    Programme,
)
from .models.maturity import MaturityAssessment, MaturityScore, phase_window
from .perms import (
    can_document_animation,
    can_document_federating_event,
    can_fill_maturity_grid,
    can_hold_hotline,
    can_manage_accompaniment,
    can_manage_animation,
    can_manage_coaching_session,
    can_manage_federating_event,
    can_manage_hotline_call,
    can_review_maturity_grid,
    coaches_in_programme,
)


def _completed_on(status: str, completed_on: datetime.date | None) -> datetime.date | None:
    if status == MilestoneStatus.DONE:
        return completed_on or timezone.localdate()
    return None


def milestone_create(
    *,
    by,
    accompaniment: Accompaniment,
    title: str,
    due_date: datetime.date,
    description: str = "",
    status: str = MilestoneStatus.PLANNED,
    evidence_note: str = "",
    completed_on: datetime.date | None = None,
) -> Milestone:
    if not can_manage_accompaniment(by, accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        milestone = Milestone(
            accompaniment=accompaniment,
            title=title,
            description=description,
            due_date=due_date,
            status=status,
            evidence_note=evidence_note,
            completed_on=_completed_on(status, completed_on),
        )
        milestone.full_clean()
        milestone.save()
        _announce(ChangeKind.MILESTONE, milestone)
    return milestone


MILESTONE_EDITABLE_FIELDS = (
    "title",
    "description",
    "due_date",
    "status",
    "evidence_note",
    "completed_on",
)


def milestone_update(*, by, milestone: Milestone, **changes) -> Milestone:
    if not can_manage_accompaniment(by, milestone.accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        apply_changes(milestone, changes, MILESTONE_EDITABLE_FIELDS)
        milestone.completed_on = _completed_on(milestone.status, milestone.completed_on)
        milestone.full_clean()
        milestone.save(update_fields=[*changes.keys() | {"completed_on"}])
        _announce(ChangeKind.MILESTONE, milestone)
    return milestone


# --- Coaching journal ----------------------------------------------------------------


def _announce(kind: ChangeKind, record, *, shared: bool = True) -> None:
    """Announce a change of a record that hangs on an accompaniment."""
    accompaniment = record.accompaniment
    announce(
        kind,
        pk=record.pk,
        programme_id=accompaniment.programme_id,
        eric_id=accompaniment.eric_id,
        shared=shared,
    )


# --- The agenda follows the dated records ----------------------------------------------


def _sync_animation_agenda(animation: Animation) -> None:
    from agenda.enums import EntryKind, Visibility
    from agenda.services import sync_record_entry

    accompaniment = animation.accompaniment
    sync_record_entry(
        animation,
        programme=accompaniment.programme,
        eric=accompaniment.eric,
        kind=EntryKind.ANIMATION,
        title=animation.title,
        start=animation.starts_at,
        end=animation.ends_at or animation.starts_at + datetime.timedelta(hours=2),
        visibility=Visibility.PUBLIC if animation.public_announcement else Visibility.TEAM,
        location=animation.place,
        link=reverse("coaching:animation_detail", args=[animation.pk]),
        cancelled=animation.status == AnimationStatus.CANCELLED,
    )


def _sync_coaching_session_agenda(session: CoachingSession) -> None:
    from agenda.enums import EntryKind, Visibility
    from agenda.services import sync_record_entry

    accompaniment = session.accompaniment
    sync_record_entry(
        session,
        programme=accompaniment.programme,
        eric=accompaniment.eric,
        kind=EntryKind.COACHING_SESSION,
        title=_("Séance d'accompagnement — %(eric)s") % {"eric": accompaniment.eric.name},
        start=session.started_at,
        end=session.started_at + datetime.timedelta(minutes=session.duration_minutes),
        visibility=Visibility.TEAM if session.is_shared else Visibility.PRIVATE,
        link=reverse("coaching:coaching_session_detail", args=[session.pk]),
    )


def _sync_federating_event_agenda(event: FederatingEvent) -> None:
    """A federating event (a fête, a festival) is public, over its days."""
    from agenda.enums import EntryKind, Visibility
    from agenda.services import sync_record_entry

    def local(day, hour):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    sync_record_entry(
        event,
        programme=event.programme,
        kind=EntryKind.FEDERATING_EVENT,
        title=event.name,
        start=local(event.starts_on, 9),
        end=local(event.ends_on or event.starts_on, 18),
        visibility=Visibility.PUBLIC,
        location=event.place,
        link=reverse("coaching:federating_event_detail", args=[event.pk]),
    )


def hotline_slot_hold(*, by, programme: Programme, held_on: datetime.date, note: str = ""):
    """Record that the hotline was held that day ("permanence tenue"), calls or not."""
    if not can_hold_hotline(by, programme):
        raise PermissionDenied
    with transaction.atomic():
        slot, created = HotlineSlot.objects.get_or_create(
            programme=programme, held_on=held_on, defaults={"held_by": by, "note": note}
        )
        if created:
            announce(ChangeKind.HOTLINE_SLOT, pk=slot.pk, programme_id=programme.pk)
    return slot


def _check_caller(call: HotlineCall) -> None:
    if (
        call.caller_member_id
        and not call.caller_member.memberships.filter(
            organisation_id=call.accompaniment.eric_id, role=Role.ERIC_TEAM
        ).exists()
    ):
        raise ValidationError(
            {"caller_member": _("L'appelant·e n'est pas dans l'équipe de cet ERIC.")}
        )


def hotline_call_create(
    *,
    by,
    accompaniment: Accompaniment,
    started_at: datetime.datetime,
    duration_minutes: int = 15,
    channel: str = CallChannel.PHONE,
    topics: list[str] | tuple[str, ...] = (),
    summary: str = "",
    visibility: str = Visibility.SHARED,
    caller_member=None,
    caller_name: str = "",
    caller_role: str = "",
) -> HotlineCall:
    """Log a hotline call; the day's slot is recorded as held on the way."""
    if not can_manage_accompaniment(by, accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        slot = hotline_slot_hold(
            by=by,
            programme=accompaniment.programme,
            held_on=timezone.localtime(started_at).date(),
        )
        call = HotlineCall(
            accompaniment=accompaniment,
            slot=slot,
            started_at=started_at,
            duration_minutes=duration_minutes,
            channel=channel,
            summary=summary.strip(),
            visibility=visibility,
            caller_member=caller_member,
            caller_name=caller_name.strip(),
            caller_role=caller_role.strip(),
            created_by=by,
        )
        _check_caller(call)
        call.full_clean()
        call.save()
        HotlineCallTopic.objects.bulk_create(
            [HotlineCallTopic(call=call, topic=topic) for topic in dict.fromkeys(topics)]
        )
        _announce(ChangeKind.HOTLINE_CALL, call, shared=call.is_shared)
    return call


HOTLINE_CALL_EDITABLE_FIELDS = (
    "started_at",
    "duration_minutes",
    "channel",
    "summary",
    "visibility",
    "caller_member",
    "caller_name",
    "caller_role",
)


def hotline_call_update(*, by, call: HotlineCall, topics=None, **changes) -> HotlineCall:
    if not can_manage_hotline_call(by, call):
        raise PermissionDenied
    with transaction.atomic():
        was_shared = call.is_shared
        apply_changes(call, changes, HOTLINE_CALL_EDITABLE_FIELDS)
        if "started_at" in changes:
            call.slot = hotline_slot_hold(
                by=by,
                programme=call.accompaniment.programme,
                held_on=timezone.localtime(call.started_at).date(),
            )
            changes["slot"] = call.slot
        _check_caller(call)
        call.full_clean()
        if changes:
            call.save(update_fields=list(changes))
        if topics is not None:
            wanted = set(topics)
            current = set(call.topics.values_list("topic", flat=True))
            for link in call.topics.filter(topic__in=current - wanted):
                link.delete()  # one by one, so the history records each removal
            HotlineCallTopic.objects.bulk_create(
                [HotlineCallTopic(call=call, topic=topic) for topic in sorted(wanted - current)]
            )
        # The message carries no content: a team that saw the call (or now may) is told
        # to refresh, so a call made private leaves its page and one made shared appears.
        _announce(ChangeKind.HOTLINE_CALL, call, shared=call.is_shared or was_shared)
    return call


def hotline_follow_up_add(
    *,
    by,
    call: HotlineCall,
    action: str,
    owner: str = "",
    due_date: datetime.date | None = None,
) -> HotlineFollowUp:
    if not can_manage_hotline_call(by, call):
        raise PermissionDenied
    with transaction.atomic():
        follow_up = HotlineFollowUp(
            call=call, action=action.strip(), owner=owner.strip(), due_date=due_date
        )
        follow_up.full_clean()
        follow_up.save()
        _announce(ChangeKind.HOTLINE_CALL, call, shared=call.is_shared)
    return follow_up


def hotline_follow_up_set_done(*, by, follow_up: HotlineFollowUp, done: bool) -> HotlineFollowUp:
    call = follow_up.call
    if not can_manage_hotline_call(by, call):
        raise PermissionDenied
    with transaction.atomic():
        follow_up.done = done
        follow_up.save(update_fields=["done"])
        _announce(ChangeKind.HOTLINE_CALL, call, shared=call.is_shared)
    return follow_up


COACHING_SESSION_FIELDS = (
    "started_at",
    "duration_minutes",
    "format",
    "participants",
    "objectives",
    "notes",
    "next_steps",
    "milestone",
    "visibility",
)


def _check_milestone(session: CoachingSession) -> None:
    if session.milestone_id and session.milestone.accompaniment_id != session.accompaniment_id:
        raise ValidationError({"milestone": _("Ce jalon appartient à un autre ERIC.")})


def coaching_session_create(*, by, accompaniment: Accompaniment, **fields) -> CoachingSession:
    if not can_manage_accompaniment(by, accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        session = CoachingSession(accompaniment=accompaniment, created_by=by)
        apply_changes(session, fields, COACHING_SESSION_FIELDS)
        _check_milestone(session)
        session.full_clean()
        session.save()
        _sync_coaching_session_agenda(session)
        _announce(ChangeKind.COACHING_SESSION, session, shared=session.is_shared)
    return session


def coaching_session_update(*, by, session: CoachingSession, **changes) -> CoachingSession:
    if not can_manage_coaching_session(by, session):
        raise PermissionDenied
    with transaction.atomic():
        was_shared = session.is_shared
        apply_changes(session, changes, COACHING_SESSION_FIELDS)
        _check_milestone(session)
        session.full_clean()
        if changes:
            session.save(update_fields=list(changes))
        _sync_coaching_session_agenda(session)
        _announce(ChangeKind.COACHING_SESSION, session, shared=session.is_shared or was_shared)
    return session


ANIMATION_PLAN_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "place",
    "format",
    "intended_audiences",
    "status",
    "cancellation_reason",
    "resource_person",
    "skema_present",
    "public_announcement",
)
ANIMATION_DOCUMENTATION_FIELDS = (
    *ATTENDANCE_FIELDS,
    "report_what_happened",
    "report_what_worked",
    "report_what_to_change",
    "skema_present",
)


def _store_counting(animation: Animation) -> None:
    """Keep the stored verdict of the counting rule in step with what was just saved."""
    Animation.objects.filter(pk=animation.pk).refresh_counting()
    animation.refresh_from_db(fields=["counts_toward_target"])


def programme_counting_refresh(programme: Programme) -> int:
    """Apply a changed counting setting (``animation_min_partners``) to past animations."""
    with transaction.atomic():
        changed = Animation.objects.filter(accompaniment__programme=programme).refresh_counting()
        if changed:
            announce(ChangeKind.PROGRAMME, pk=programme.pk, programme_id=programme.pk)
    return changed


def _set_co_organisers(animation: Animation, co_organisers) -> None:
    organisations = [org for org in co_organisers if org.pk != animation.accompaniment.eric_id]
    if any(org.is_eric for org in organisations):
        raise ValidationError(
            {"co_organisers": _("Les co-organisateurs partenaires ne sont pas des ERIC.")}
        )
    animation.co_organisers.set(organisations)


def animation_create(*, by, accompaniment: Accompaniment, co_organisers=(), **fields) -> Animation:
    """Plan (or record) an animation hosted by an ERIC."""
    if not can_manage_accompaniment(by, accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        animation = Animation(accompaniment=accompaniment, created_by=by)
        fields.setdefault("resource_person", by)
        apply_changes(animation, fields, ANIMATION_PLAN_FIELDS)
        animation.full_clean()
        animation.save()
        _set_co_organisers(animation, co_organisers)
        _store_counting(animation)
        _sync_animation_agenda(animation)
        _announce(ChangeKind.ANIMATION, animation)
    return animation


def animation_update(*, by, animation: Animation, co_organisers=None, **changes) -> Animation:
    """Change what was planned: date, place, status (held, cancelled), co-organisers."""
    if not can_manage_animation(by, animation):
        raise PermissionDenied
    with transaction.atomic():
        apply_changes(animation, changes, ANIMATION_PLAN_FIELDS)
        if animation.status != AnimationStatus.CANCELLED and "status" in changes:
            animation.cancellation_reason = ""
            changes["cancellation_reason"] = ""
        animation.full_clean()
        if changes:
            animation.save(update_fields=[*changes, "updated_at"])
        if co_organisers is not None:
            _set_co_organisers(animation, co_organisers)
        _store_counting(animation)
        _sync_animation_agenda(animation)
        _announce(ChangeKind.ANIMATION, animation)
    return animation


def animation_document(*, by, animation: Animation, **changes) -> Animation:
    """Write the report and the attendance of a held animation (coach or ERIC team)."""
    if not can_document_animation(by, animation):
        raise PermissionDenied
    if animation.status != AnimationStatus.HELD:
        raise ValidationError(_("Seule une animation tenue se documente."))
    with transaction.atomic():
        for field in ("report_what_happened", "report_what_worked", "report_what_to_change"):
            if field in changes:
                changes[field] = changes[field].strip()
        apply_changes(animation, changes, ANIMATION_DOCUMENTATION_FIELDS)
        animation.full_clean()
        if changes:
            animation.save(update_fields=[*changes, "updated_at"])
        _store_counting(animation)
        _announce(ChangeKind.ANIMATION, animation)
    return animation


def _media_add(media, upload):
    """Store a checked upload and its record together; nothing half-saved on failure."""
    kind, content_type = inspect_upload(upload)
    if media.people_visible and not media.consent:
        raise ValidationError(
            {"consent": _("Des personnes sont reconnaissables : leur accord est nécessaire.")}
        )
    media.kind = kind
    media.original_name = (upload.name or "")[:255]
    media.caption = media.caption.strip()
    media.author = media.author.strip()
    media.full_clean(exclude=["file"])
    try:
        with transaction.atomic():
            media.file.save("media" + EXTENSIONS[content_type], upload, save=False)
            media.save()
    except Exception:
        if media.file.name:
            media.file.storage.delete(media.file.name)
        raise
    return media


def animation_media_add(
    *,
    by,
    animation: Animation,
    upload,
    author: str,
    licence: str = Licence.CC_BY_SA_4,
    caption: str = "",
    people_visible: bool = False,
    consent: bool = False,
) -> AnimationMedia:
    """Attach a photo or video; its type is read from its content, consent enforced."""
    if not can_document_animation(by, animation):
        raise PermissionDenied
    media = AnimationMedia(
        animation=animation,
        caption=caption,
        author=author,
        licence=licence,
        people_visible=people_visible,
        consent=consent,
        uploaded_by=by,
    )
    with transaction.atomic():
        _media_add(media, upload)
        _announce(ChangeKind.ANIMATION, animation)
    return media


# --- Federating events ---------------------------------------------------------------

FEDERATING_EVENT_FIELDS = ("name", "kind", "starts_on", "ends_on", "place", "account")


def _announce_event(event: FederatingEvent) -> None:
    announce(ChangeKind.FEDERATING_EVENT, pk=event.pk, programme_id=event.programme_id)


def _set_participations(event: FederatingEvent, participations) -> None:
    """``participations``: ``{accompaniment: role}`` — the ERIC taking part, and how."""
    wanted = {accompaniment.pk: role for accompaniment, role in participations.items()}
    for accompaniment in participations:
        if accompaniment.programme_id != event.programme_id:
            raise ValidationError(_("Un ERIC participant n'est pas accompagné dans ce programme."))
    for participation in event.participations.all():
        role = wanted.pop(participation.accompaniment_id, None)
        if role is None:
            participation.delete()
        elif role != participation.role:
            participation.role = role
            participation.full_clean()
            participation.save(update_fields=["role"])
    for accompaniment_id, role in wanted.items():
        participation = FederatingEventParticipation(
            event=event, accompaniment_id=accompaniment_id, role=role
        )
        participation.full_clean()
        participation.save()


def federating_event_create(
    *, by, programme: Programme, participations=None, **fields
) -> FederatingEvent:
    if not coaches_in_programme(by, programme.pk):
        raise PermissionDenied
    with transaction.atomic():
        event = FederatingEvent(programme=programme, created_by=by)
        apply_changes(event, fields, FEDERATING_EVENT_FIELDS)
        event.full_clean()
        event.save()
        _set_participations(event, participations or {})
        _sync_federating_event_agenda(event)
        _announce_event(event)
    return event


def federating_event_update(
    *, by, event: FederatingEvent, participations=None, **changes
) -> FederatingEvent:
    if not can_manage_federating_event(by, event):
        raise PermissionDenied
    with transaction.atomic():
        apply_changes(event, changes, FEDERATING_EVENT_FIELDS)
        event.full_clean()
        if changes:
            event.save(update_fields=list(changes))
        if participations is not None:
            _set_participations(event, participations)
        _sync_federating_event_agenda(event)
        _announce_event(event)
    return event


def federating_event_media_add(
    *,
    by,
    event: FederatingEvent,
    upload,
    author: str,
    licence: str = Licence.CC_BY_SA_4,
    caption: str = "",
    people_visible: bool = False,
    consent: bool = False,
) -> FederatingEventMedia:
    if not can_document_federating_event(by, event):
        raise PermissionDenied
    media = FederatingEventMedia(
        event=event,
        caption=caption,
        author=author,
        licence=licence,
        people_visible=people_visible,
        consent=consent,
        uploaded_by=by,
    )
    with transaction.atomic():
        _media_add(media, upload)
        _announce_event(event)
    return media


# --- Tiers-lieu maturity grid ----------------------------------------------------------
# The team saves its answers as a draft and submits them; the resource person validates
# (the assessment is then locked) or sends it back with a comment (the team edits again).
# Status changes lock the row, so two clicks never validate and send back at once.


def _locked_assessment(assessment: MaturityAssessment) -> MaturityAssessment:
    return (
        MaturityAssessment.objects.select_for_update()
        .select_related("accompaniment__programme", "accompaniment__eric")
        .get(pk=assessment.pk)
    )


def _check_phase_open(accompaniment: Accompaniment, phase: str, today: datetime.date) -> None:
    if phase not in MaturityPhase.values:
        raise ValidationError(_("Cette phase de la grille n'existe pas."))
    window = phase_window(accompaniment, phase)
    if not window.is_open(today):
        raise ValidationError(
            _("La grille « %(phase)s » s'ouvre le %(date)s.")
            % {"phase": window.label, "date": date_format(window.starts_on, "j F Y")}
        )


def maturity_assessment_save_draft(
    *,
    by,
    accompaniment: Accompaniment,
    phase: str,
    levels: dict[str, int | None],
    comments: dict[str, str] | None = None,
    today: datetime.date | None = None,
) -> MaturityAssessment:
    """Create or update the team's draft for ``phase``: ``levels`` maps a criterion to
    its level (``None``: not answered yet), ``comments`` a criterion to a comment."""
    if not can_fill_maturity_grid(by, accompaniment):
        raise PermissionDenied
    unknown = (set(levels) | set(comments or {})) - set(MaturityCriterion.values)
    if unknown:
        raise ValidationError(
            _("Critère inconnu : %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    comments = {criterion: text.strip() for criterion, text in (comments or {}).items()}
    orphans = [c for c, text in comments.items() if text and levels.get(c) is None]
    if orphans:  # a comment is kept with its level, never dropped on the way
        raise ValidationError(
            _("Choisissez un niveau pour garder le commentaire sur : %(names)s.")
            % {"names": ", ".join(str(MaturityCriterion(c).label) for c in orphans)}
        )
    with transaction.atomic():
        existing = (
            MaturityAssessment.objects.filter(accompaniment=accompaniment, phase=phase)
            .select_for_update()
            .first()
        )
        if existing is None:
            _check_phase_open(accompaniment, phase, today or timezone.localdate())
            assessment, _created = MaturityAssessment.objects.get_or_create(
                accompaniment=accompaniment, phase=phase, defaults={"created_by": by}
            )
            assessment = _locked_assessment(assessment)
        else:
            assessment = existing
            assessment.accompaniment = accompaniment
        if not assessment.is_editable:
            raise ValidationError(
                _("Cette grille est %(status)s : elle ne se modifie plus.")
                % {"status": assessment.get_status_display()}
            )
        current = {score.criterion: score for score in assessment.scores.all()}
        for criterion in MaturityCriterion.values:
            level = levels.get(criterion)
            comment = comments.get(criterion, "")
            score = current.get(criterion)
            if level is None:
                if score is not None:
                    score.delete()  # one by one, so the history records it
                continue
            if score is None:
                score = MaturityScore(assessment=assessment, criterion=criterion)
            elif score.level == level and score.comment == comment:
                continue
            score.level = level
            score.comment = comment
            score.full_clean()
            score.save()
        # The assessment's own row changes (updated_at) so its history and pages follow.
        assessment.save(update_fields=["updated_at"])
        # No content travels; a draft's ping only makes Region pages re-read what they show.
        _announce(ChangeKind.MATURITY_ASSESSMENT, assessment)
    return assessment


def maturity_assessment_submit(*, by, assessment: MaturityAssessment) -> MaturityAssessment:
    """The team hands its complete answers to the resource person."""
    if not can_fill_maturity_grid(by, assessment.accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        assessment = _locked_assessment(assessment)
        if not assessment.is_editable:
            raise ValidationError(
                _("Cette grille est déjà %(status)s.") % {"status": assessment.get_status_display()}
            )
        missing = assessment.missing_criteria()
        if missing:
            raise ValidationError(
                _("Notez chaque critère avant de soumettre la grille ; il manque : %(names)s.")
                % {"names": ", ".join(str(MaturityCriterion(c).label) for c in missing)}
            )
        assessment.status = AssessmentStatus.SUBMITTED
        assessment.submitted_by = by
        assessment.submitted_at = timezone.now()
        assessment.full_clean()
        assessment.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
        # No content travels; a draft's ping only makes Region pages re-read what they show.
        _announce(ChangeKind.MATURITY_ASSESSMENT, assessment)
    return assessment


def _maturity_review(
    *, by, assessment: MaturityAssessment, status: str, comment: str
) -> MaturityAssessment:
    if not can_review_maturity_grid(by, assessment.accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        assessment = _locked_assessment(assessment)
        if assessment.status != AssessmentStatus.SUBMITTED:  # perhaps in the meantime
            raise ValidationError(assessment.review_refusal())
        assessment.status = status
        assessment.reviewed_by = by
        assessment.reviewed_at = timezone.now()
        assessment.review_comment = comment
        assessment.full_clean()
        assessment.save(
            update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"]
        )
        # No content travels; a draft's ping only makes Region pages re-read what they show.
        _announce(ChangeKind.MATURITY_ASSESSMENT, assessment)
    return assessment


def maturity_assessment_validate(
    *, by, assessment: MaturityAssessment, comment: str = ""
) -> MaturityAssessment:
    """The resource person validates a submitted assessment; it is locked from then on."""
    return _maturity_review(
        by=by, assessment=assessment, status=AssessmentStatus.VALIDATED, comment=comment.strip()
    )


def maturity_assessment_send_back(
    *, by, assessment: MaturityAssessment, comment: str
) -> MaturityAssessment:
    """The resource person returns a submitted assessment to the team, saying why."""
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            {"review_comment": _("Dites à l'équipe ce qu'elle doit revoir avant de renvoyer.")}
        )
    return _maturity_review(
        by=by, assessment=assessment, status=AssessmentStatus.RETURNED, comment=comment
    )
