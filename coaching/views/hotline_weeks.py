"""« Semaines de permanence »: the weeks of a programme's hotline, held or not, and how.

The page shows counts only (half-days marked held, calls logged), never a call; it is
for those who see the programme's slots (:func:`coaching.perms.can_view_hotline_weeks`). Its
held weeks are exactly the dashboard's: both read ``coaching.selectors.hotline``.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.dates import long_date

from ..forms.filters import HotlineWeekFilterForm
from ..models import Programme
from ..perms import can_log_journal, can_view_hotline_weeks
from ..scope import get_scope
from ..selectors.hotline import HotlineWeek, hotline_weeks
from .lists import require_journal

HELD = "held"
MISSED = "missed"
CURRENT = "current"


def hotline_week_programmes(user):
    """The programmes whose hotline the user sees, the most recent first."""
    scope = get_scope(user)
    if scope.sees_everything:
        return Programme.objects.all()
    return Programme.objects.filter(pk__in=scope.region_programme_ids | scope.coached_programme_ids)


def _day(day: datetime.date) -> str:
    """« lundi 1er septembre 2026 »."""
    return "%s %s" % (date_format(day, "l"), long_date(day))


@dataclass(frozen=True)
class WeekRow:
    """A week as the page shows it."""

    week: HotlineWeek
    calls_url: str

    @property
    def state(self) -> str:
        if self.week.held:
            return HELD
        return MISSED if self.week.ended else CURRENT

    @property
    def state_label(self) -> str:
        return {HELD: _("tenue"), MISSED: _("non tenue"), CURRENT: _("en cours")}[self.state]

    @property
    def label(self) -> str:
        return _("du %(monday)s au %(sunday)s") % {
            "monday": _day(self.week.monday),
            "sunday": _day(self.week.sunday),
        }

    @property
    def how(self) -> list[str]:
        """« 2 demi-journées marquées tenues », « 1 appel noté »."""
        pieces = []
        if self.week.slots:
            pieces.append(
                ngettext(
                    "%(n)s demi-journée marquée tenue",
                    "%(n)s demi-journées marquées tenues",
                    self.week.slots,
                )
                % {"n": self.week.slots}
            )
        if self.week.calls:
            pieces.append(
                ngettext("%(n)s appel noté", "%(n)s appels notés", self.week.calls)
                % {"n": self.week.calls}
            )
        return pieces


def held_summary(held: int, begun: int) -> str:
    """« 14 semaines tenues sur 15 commencées »."""
    return _("%(held)s sur %(begun)s") % {
        "held": ngettext("%(n)s semaine tenue", "%(n)s semaines tenues", held) % {"n": held},
        "begun": ngettext("%(n)s commencée", "%(n)s commencées", begun) % {"n": begun},
    }


@login_required
def hotline_week_list(request):
    require_journal(request.user)
    if not can_view_hotline_weeks(request.user):
        raise PermissionDenied
    programmes = hotline_week_programmes(request.user)
    # Evaluated once: the default programme, and the form's « single programme? ».
    default = next(iter(programmes), None)
    form = HotlineWeekFilterForm(request.GET or None, programmes=programmes)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    programme = data.get("programme") or default
    today = timezone.localdate()
    until = data.get("until") or today
    weeks = hotline_weeks(programme, today=until) if programme else []
    if data.get("month"):
        weeks = [week for week in weeks if week.month == data["month"]]
    held = sum(1 for week in weeks if week.held)
    calls_url = reverse("coaching:hotline_call_list")
    rows = [
        WeekRow(
            week=week,
            calls_url="%s?%s"
            % (
                calls_url,
                urlencode({"programme": programme.slug, "month": week.month.strftime("%Y-%m")}),
            ),
        )
        for week in weeks
    ]
    if data.get("state"):
        rows = [row for row in rows if row.state == data["state"]]
    context = {
        "filter_form": form,
        "programme": programme,
        "until": until,
        "until_label": long_date(until),
        "rows": rows,
        "summary": held_summary(held, len(weeks)),
        "can_log": can_log_journal(request.user),
        "shows_hotline_weeks": True,
    }
    return render(request, "coaching/hotline_week_list.html", context)
