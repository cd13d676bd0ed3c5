"""Planning, writing and publishing an issue. Every write checks its permission, runs
in a transaction, keeps the agenda's « bouclage » entries in step and announces itself."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.enums import EntryKind, Visibility
from agenda.services import sync_record_entry
from core.changes import ChangeKind, announce

from .. import selectors
from ..enums import IssueStatus, SectionStatus
from ..models import NewsletterIssue, Section
from ..perms import can_edit_newsletter, can_write_section
from ..richtext import clean_html
from .sending import queue_deliveries, start_sending

#: A section's deadline in the agenda: the morning of the day.
DEADLINE_HOURS = (9, 10)


def _announce(issue: NewsletterIssue) -> None:
    announce(ChangeKind.NEWSLETTER, pk=issue.pk, programme_id=issue.programme_id)


def _check_editor(by, programme_id: int) -> None:
    if not can_edit_newsletter(by, programme_id):
        raise PermissionDenied


def refuse_if_published(issue: NewsletterIssue) -> None:
    if issue.status == IssueStatus.PUBLISHED:
        raise ValidationError(
            _(
                "Ce numéro est déjà publié : ses rubriques ne peuvent plus être modifiées. "
                "Votre texte n'a pas été enregistré ; copiez-le pour le numéro suivant."
            )
        )


def issue_create(*, by, programme, number: int, month: datetime.date, title: str, introduction=""):
    _check_editor(by, programme.pk)
    month = month.replace(day=1)
    errors = {}
    if NewsletterIssue.objects.filter(programme=programme, number=number).exists():
        errors["number"] = _("Ce numéro existe déjà pour ce programme.")
    if NewsletterIssue.objects.filter(programme=programme, month=month).exists():
        errors["month"] = _("Un numéro est déjà prévu pour ce mois : une lettre par mois.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            issue = NewsletterIssue.objects.create(
                programme=programme,
                number=number,
                month=month,
                title=title,
                introduction=clean_html(introduction),
                created_by=by,
            )
            _announce(issue)
    except IntegrityError as error:  # a concurrent creation took the number or month
        raise ValidationError(_("Ce numéro ou ce mois vient d'être pris.")) from error
    return issue


def issue_update(*, by, issue: NewsletterIssue, title: str, introduction: str) -> NewsletterIssue:
    _check_editor(by, issue.programme_id)
    refuse_if_published(issue)
    with transaction.atomic():
        issue.title = title
        issue.introduction = clean_html(introduction)
        issue.save(update_fields=["title", "introduction"])
        _announce(issue)
    return issue


def _sync_deadline(section: Section) -> None:
    """The section's deadline in the programme's agenda (« bouclage »)."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(section.deadline, datetime.time(DEADLINE_HOURS[0]), tz)
    end = datetime.datetime.combine(section.deadline, datetime.time(DEADLINE_HOURS[1]), tz)
    sync_record_entry(
        section,
        programme=section.issue.programme,
        kind=EntryKind.NEWSLETTER_DEADLINE,
        title=_("Bouclage de la lettre n° %(number)s : %(section)s (%(organisation)s)")
        % {
            "number": section.issue.number,
            "section": section.title,
            "organisation": section.organisation.name,
        },
        start=start,
        end=end,
        visibility=Visibility.PROGRAMME,
        link=reverse("newsletter:section_edit", args=[section.pk]),
        cancelled=section.issue.status == IssueStatus.PUBLISHED,
    )


def section_create(
    *, by, issue: NewsletterIssue, title: str, organisation, deadline: datetime.date, position=None
) -> Section:
    _check_editor(by, issue.programme_id)
    refuse_if_published(issue)
    with transaction.atomic():
        if position is None:
            position = issue.sections.count() + 1
        section = Section.objects.create(
            issue=issue,
            title=title,
            organisation=organisation,
            deadline=deadline,
            position=position,
        )
        _sync_deadline(section)
        _announce(issue)
    return section


def section_plan_update(
    *, by, section: Section, title: str, organisation, deadline: datetime.date, position: int
) -> Section:
    _check_editor(by, section.issue.programme_id)
    refuse_if_published(section.issue)
    with transaction.atomic():
        if deadline != section.deadline:  # a new deadline earns new reminders
            section.reminded_before_at = section.reminded_after_at = None
        section.title, section.organisation, section.deadline = title, organisation, deadline
        section.position = position
        section.save()
        _sync_deadline(section)
        _announce(section.issue)
    return section


def _check_picks(by, section: Section, picks: dict) -> None:
    """The picked items must be in the lists the contributor was offered (the same
    selectors as the form) and every photo credited."""
    programme = section.issue.programme
    offered = {
        "images": selectors.pickable_images(),
        "sheets": selectors.pickable_sheets(),
        "animations": selectors.pickable_animations(by, programme),
        "events": selectors.pickable_events(programme),
    }
    errors = {}
    for name, items in picks.items():
        if items is None:
            continue
        wanted = {item.pk for item in items}
        if wanted and offered[name].filter(pk__in=wanted).count() != len(wanted):
            errors[name] = _("Un élément choisi ne fait pas partie de la liste proposée.")
    images = picks.get("images")
    if images:
        missing = [item.title for item in images if not item.credit.strip()]
        if missing:
            errors["images"] = _(
                "Ces photos n'ont pas de crédit et ne peuvent pas paraître dans la lettre : "
                "%(titles)s. Choisissez-en d'autres, ou demandez à l'équipe éditoriale de "
                "compléter leur crédit dans la photothèque."
            ) % {"titles": ", ".join("« %s »" % title for title in missing)}
    if errors:
        raise ValidationError(errors)


def section_write(
    *,
    by,
    section: Section,
    body: str,
    submit: bool,
    images=None,
    sheets=None,
    animations=None,
    events=None,
) -> Section:
    """The contributor's text, photos and links; ``submit`` hands it to the editor (it
    can still change until the issue is published). A list left ``None`` is unchanged."""
    if not can_write_section(by, section):
        raise PermissionDenied
    picks = {"images": images, "sheets": sheets, "animations": animations, "events": events}
    _check_picks(by, section, picks)
    with transaction.atomic():
        # read again under the transaction: a publication may have just happened
        issue = NewsletterIssue.objects.select_for_update().get(pk=section.issue_id)
        refuse_if_published(issue)
        section.body = clean_html(body)
        fields = ["body", "updated_at"]
        if submit and section.status != SectionStatus.SUBMITTED:
            section.status = SectionStatus.SUBMITTED
            section.submitted_at = timezone.now()
            fields += ["status", "submitted_at"]
        section.save(update_fields=fields)
        for name, items in picks.items():
            if items is not None:
                getattr(section, name).set(items)
        _announce(issue)
    return section


def section_comment(*, by, section: Section, comment: str, reopen: bool = False) -> Section:
    """The editor's comment; ``reopen`` sends a submitted section back to its writer."""
    _check_editor(by, section.issue.programme_id)
    refuse_if_published(section.issue)
    with transaction.atomic():
        section.editor_comment = comment.strip()
        fields = ["editor_comment", "updated_at"]
        if reopen and section.status == SectionStatus.SUBMITTED:
            section.status, section.submitted_at = SectionStatus.TODO, None
            fields += ["status", "submitted_at"]
        section.save(update_fields=fields)
        _announce(section.issue)
    return section


def issue_publish(*, by, issue: NewsletterIssue, at: datetime.datetime | None = None):
    """Publish ``issue`` now, or schedule it for ``at`` (the worker's periodic run
    publishes it then). Publishing queues one delivery per confirmed subscriber and
    starts the sending task once the transaction commits."""
    _check_editor(by, issue.programme_id)
    refuse_if_published(issue)
    if not issue.sections.exists():
        raise ValidationError(_("Ajoutez au moins une rubrique avant de publier."))
    now = timezone.now()
    if at is not None and at > now:
        with transaction.atomic():
            issue.status, issue.publish_at = IssueStatus.SCHEDULED, at
            issue.save(update_fields=["status", "publish_at"])
            _announce(issue)
        return issue
    return _publish(issue, now)


def issue_unschedule(*, by, issue: NewsletterIssue) -> NewsletterIssue:
    _check_editor(by, issue.programme_id)
    refuse_if_published(issue)
    with transaction.atomic():
        issue.status, issue.publish_at = IssueStatus.DRAFT, None
        issue.save(update_fields=["status", "publish_at"])
        _announce(issue)
    return issue


def _publish(issue: NewsletterIssue, now: datetime.datetime) -> NewsletterIssue:
    with transaction.atomic():
        updated = (
            NewsletterIssue.objects.filter(pk=issue.pk)
            .exclude(status=IssueStatus.PUBLISHED)
            .update(status=IssueStatus.PUBLISHED, published_at=now)
        )
        if not updated:  # published meanwhile (two clicks, or the periodic run)
            issue.refresh_from_db()
            return issue
        issue.refresh_from_db()
        for section in issue.sections.select_related("organisation", "issue__programme"):
            _sync_deadline(section)  # the « bouclage » entries close
        queue_deliveries(issue)
        _announce(issue)
        transaction.on_commit(lambda: start_sending(issue.pk))
    return issue


def publish_due_issues(now: datetime.datetime | None = None) -> list[int]:
    """Publish the scheduled issues whose time has come (the periodic run)."""
    now = now or timezone.now()
    published = []
    for issue in NewsletterIssue.objects.filter(
        status=IssueStatus.SCHEDULED, publish_at__lte=now
    ).select_related("programme"):
        _publish(issue, now)
        published.append(issue.pk)
    return published
