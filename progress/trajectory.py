"""An ERIC's trajectory page: its milestones, its figures against the targets, what is
due this month, its animations with their missing pieces, the follow-ups of its calls,
its sheets, and its maturity grid. A fixed number of queries; records filtered by what
the viewer may see (an ERIC team never sees private calls)."""

import datetime

from cms.models import CodeSourceSheet
from coaching.enums import AnimationStatus, Indicator
from coaching.models import Animation, HotlineCall, HotlineFollowUp
from coaching.perms import can_manage_accompaniment, can_write_code_source_sheet
from coaching.selectors import OPEN_STATUSES, month_bounds, trajectory_section
from maps.perms import can_edit_trust_circles

from .indicators import eric_indicators
from .links import eric_records_url
from .perms import can_request_report


def eric_trajectory(accompaniment, user, *, today: datetime.date) -> dict:
    """What the page adds to the milestones: the ERIC's figures, records and sheets."""
    result = eric_indicators(accompaniment, today=today)
    programme = accompaniment.programme
    figures = [
        {
            "row": row,
            "figure": row.figure,
            "url": eric_records_url(row, programme, today, accompaniment.eric, user),
        }
        for row in result.rows
    ]
    animations = list(
        Animation.objects.visible_to(user)
        .filter(accompaniment=accompaniment)
        .with_counting()
        .select_related("accompaniment__programme")
        .order_by("-starts_at", "pk")
    )
    calls = HotlineCall.objects.visible_to(user).filter(accompaniment=accompaniment)
    follow_ups = list(
        HotlineFollowUp.objects.filter(call__in=calls, done=False)
        .select_related("call")
        .order_by("due_date", "pk")
    )
    for follow_up in follow_ups:
        follow_up.late = follow_up.due_date is not None and follow_up.due_date < today
    sheets = list(
        CodeSourceSheet.objects.live()
        .filter(author_eric_id=accompaniment.eric_id)
        .order_by("-first_published_at", "pk")
    )
    first, last = month_bounds(today)
    return {
        "result": result,
        "figures": figures,
        "animations": animations,
        "animations_to_finish": [
            a for a in animations if a.status != AnimationStatus.CANCELLED and not a.counts
        ],
        "follow_ups": follow_ups,
        "sheets": sheets,
        "month_first": first,
        "month_last": last,
        "in_programme": programme.contains(today),
        "animations_this_month": result.animations_this_month,
        "sheets_this_month": result.sheets_this_month,
        # what the ERIC owes every month (pilot 1 owes no monthly animation)
        "has_animation_target": result.monthly(Indicator.ANIMATIONS),
        "has_sheet_target": result.monthly(Indicator.CODE_SOURCE_SHEETS),
    }


def trajectory_context(accompaniment, user, *, today: datetime.date) -> dict:
    """The figures part of the page (what its live fragment holds): milestones, figures,
    records."""
    milestones = list(accompaniment.milestones.all())
    first, last = month_bounds(today)
    for milestone in milestones:
        milestone.late = milestone.is_late(today)
        milestone.due_this_month = (
            milestone.status in OPEN_STATUSES and first <= milestone.due_date <= last
        )
    return {
        "accompaniment": accompaniment,
        "milestones": milestones,
        "milestones_this_month": [m for m in milestones if m.due_this_month],
        "can_manage": can_manage_accompaniment(user, accompaniment),
        "can_edit_map": can_edit_trust_circles(user, accompaniment.eric),
        "can_write_sheet": can_write_code_source_sheet(user, accompaniment.eric_id),
        "today": today,
        **eric_trajectory(accompaniment, user, today=today),
    }


def trajectory_page_context(accompaniment, user, *, today: datetime.date) -> dict:
    """The whole page: the figures part and the maturity grid's section."""
    return {
        **trajectory_context(accompaniment, user, today=today),
        **trajectory_section(accompaniment, user, today=today),
        "can_ask_report": can_request_report(user, accompaniment.programme, accompaniment.eric),
    }
