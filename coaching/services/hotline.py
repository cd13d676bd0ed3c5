"""The weekly hotline: half-days held, calls logged, their follow-ups."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from core.changes import ChangeKind, announce
from core.dates import day_after, paris_midnight
from core.services import apply_changes
from organisations.enums import Role

from ..enums import (
    CallChannel,
    Visibility,
)
from ..models import (
    Accompaniment,
    HotlineCall,
    HotlineCallTopic,
    HotlineFollowUp,
    HotlineSlot,
    Programme,
)
from ..perms import (
    can_hold_hotline,
    can_manage_accompaniment,
    can_manage_hotline_call,
)
from .records import CALL_DATED, SLOT_HELD, announce_record, check_within_programme

DAY_HAS_CALLS = ngettext_lazy(
    "Un appel est déjà noté ce jour-là : la permanence est tenue, avec son appel.",
    "Des appels sont déjà notés ce jour-là (%(count)d) : la permanence est tenue, avec ses appels.",
    "count",
)


def calls_on_day(programme: Programme, day: datetime.date) -> int:
    """The hotline calls of the programme logged on that Europe/Paris day."""
    return HotlineCall.objects.filter(
        accompaniment__programme=programme,
        started_at__gte=paris_midnight(day),
        started_at__lt=day_after(day),
    ).count()


def hotline_slot_hold(
    *,
    by,
    programme: Programme,
    held_on: datetime.date,
    note: str = "",
    without_calls: bool = False,
) -> HotlineSlot:
    """Record that the hotline was held that day ("permanence tenue"), calls or not.

    « Aucun appel » is not stored: it is a slot without calls, so a call logged later
    that day simply joins the slot. ``without_calls`` is the person saying « aucun appel »:
    refused when calls of the programme are already logged that day."""
    if not can_hold_hotline(by, programme):
        raise PermissionDenied
    check_within_programme(programme, {"held_on": (held_on, SLOT_HELD)})
    with transaction.atomic():
        if without_calls and (count := calls_on_day(programme, held_on)):
            raise ValidationError({"held_on": DAY_HAS_CALLS % {"count": count}})
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
    check_within_programme(accompaniment.programme, {"started_at": (started_at, CALL_DATED)})
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
        announce_record(ChangeKind.HOTLINE_CALL, call, shared=call.is_shared)
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
        check_within_programme(
            call.accompaniment.programme, {"started_at": (call.started_at, CALL_DATED)}
        )
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
        announce_record(ChangeKind.HOTLINE_CALL, call, shared=call.is_shared or was_shared)
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
        announce_record(ChangeKind.HOTLINE_CALL, call, shared=call.is_shared)
    return follow_up


def hotline_follow_up_set_done(*, by, follow_up: HotlineFollowUp, done: bool) -> HotlineFollowUp:
    call = follow_up.call
    if not can_manage_hotline_call(by, call):
        raise PermissionDenied
    with transaction.atomic():
        follow_up.done = done
        follow_up.save(update_fields=["done"])
        announce_record(ChangeKind.HOTLINE_CALL, call, shared=call.is_shared)
    return follow_up
