"""Reads of the public site that cross models, computed in SQL."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from wagtail.models import WorkflowState

from coaching.models import Accompaniment
from core.dates import day_after, paris_midnight
from maps.models import TrustCircleEntry
from organisations.models import Organisation

from .models.knowledge import SHEET_SECTIONS, CodeSourceSheet
from .search import normalise_query


def _month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The month's first instant and the next month's, in the site's time zone."""
    tz = timezone.get_current_timezone()
    first = datetime.datetime.combine(month.replace(day=1), datetime.time.min, tzinfo=tz)
    return first, first + relativedelta(months=1)


def sheets_published(programme, month: datetime.date):
    """The ERIC of ``programme``, each with ``sheet_count``: its sheets first published
    in ``month`` (and still live). The total is ``sum(e.sheet_count for e in …)``.

    A sheet counts once, in the month of its first publication, whatever its later
    revisions; one SQL query.
    """
    start, end = _month_bounds(month)
    return (
        Organisation.objects.erics()
        .filter(accompaniments__programme=programme)
        .annotate(
            sheet_count=Count(
                "code_source_sheets",
                filter=Q(
                    code_source_sheets__live=True,
                    code_source_sheets__first_published_at__gte=start,
                    code_source_sheets__first_published_at__lt=end,
                ),
                distinct=True,
            )
        )
        .order_by("name")
    )


def counted_sheets(programme, *, until: datetime.date):
    """The « code source » sheets that count toward ``programme`` by the end of ``until``:
    live and public (those a visitor can list), by an ERIC accompanied in the programme,
    first published within the programme's period and by ``until`` (Europe/Paris days).

    A sheet counts once, dated by its first publication whatever its later revisions.
    The one definition behind the figures (:func:`sheets_published_by_month`) and the
    knowledge base's list they open (``?programme=<slug>&until=AAAA-MM-JJ``).
    """
    return (
        CodeSourceSheet.objects.live()
        .public()
        .filter(
            # A subquery rather than a join: a sheet is listed once, with no DISTINCT.
            author_eric_id__in=Accompaniment.objects.filter(programme=programme).values("eric_id"),
            first_published_at__gte=paris_midnight(programme.start_date),
            first_published_at__lt=day_after(min(until, programme.end_date)),
        )
    )


def sheets_published_by_month(programme, *, eric_id=None, until=None) -> list[dict]:
    """:func:`counted_sheets` (by ``until``, or up to the programme's end) per author ERIC
    and month of first publication, of one ERIC with ``eric_id``:
    ``[{"author_eric_id", "published_month", "sheet_count"}]`` (``published_month`` an
    aware datetime, the month's first instant in Europe/Paris). Two queries: the view
    restrictions (``public()``), then the count.
    """
    sheets = counted_sheets(programme, until=until or programme.end_date)
    if eric_id is not None:
        sheets = sheets.filter(author_eric_id=eric_id)
    return list(
        sheets.annotate(
            published_month=TruncMonth("first_published_at", tzinfo=timezone.get_current_timezone())
        )
        .values("author_eric_id", "published_month")
        .annotate(sheet_count=Count("pk"))
        .order_by("published_month", "author_eric_id")
    )


def search_sheets(form, *, parent=None):
    """Live and public sheets matching the knowledge base's search form, newest first;
    the search ranks by relevance when there is a query. An invalid form gives every
    sheet.

    With a programme, the sheets are exactly :func:`counted_sheets` by the form's
    ``until`` (today by default), then the other filters; ``month`` is then the month of
    first publication (the month a figure counts a sheet in), not the action's."""
    valid = form.is_bound and form.is_valid()
    data = form.cleaned_data if valid else {}
    programme = data.get("programme")
    if programme is not None:
        sheets = counted_sheets(programme, until=data.get("until") or timezone.localdate())
    else:
        sheets = CodeSourceSheet.objects.live().public()
    if parent is not None:
        sheets = sheets.child_of(parent)
    if not valid:
        return sheets.for_listing().order_by("-month", "-first_published_at")
    if data.get("theme"):
        sheets = sheets.filter(themes=data["theme"])
    if data.get("eric"):
        sheets = sheets.filter(author_eric=data["eric"])
    if data.get("licence"):
        sheets = sheets.filter(licence=data["licence"])
    if data.get("month") and programme is not None:
        start, end = _month_bounds(data["month"])
        sheets = sheets.filter(first_published_at__gte=start, first_published_at__lt=end)
    elif data.get("month"):
        sheets = sheets.filter(month=data["month"].replace(day=1))
    query = normalise_query(data.get("q", ""))
    if not query:
        return sheets.for_listing().order_by("-month", "-first_published_at")
    # The search backend filters on indexed fields only: search the live sheets, then
    # keep the ones the filters allow, in the backend's order of relevance.
    matching = [
        page.pk for page in CodeSourceSheet.objects.live().search(query, operator="and")[:500]
    ]
    found = {sheet.pk: sheet for sheet in sheets.filter(pk__in=matching).for_listing()}
    return [found[pk] for pk in matching if pk in found]


def key_figures() -> dict:
    """The public figures of the home page: three COUNT queries."""
    return {
        "eric_count": Organisation.objects.erics().count(),
        "sheet_count": CodeSourceSheet.objects.live().public().count(),
        "entry_count": TrustCircleEntry.objects.current().count(),
    }


def sheets_awaiting_review() -> list[dict]:
    """The sheets submitted to the editorial review and not yet decided, oldest first:
    each ``{"sheet", "requested_by", "submitted_at"}`` (two queries)."""
    states = list(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            content_type__app_label=CodeSourceSheet._meta.app_label,
            content_type__model=CodeSourceSheet._meta.model_name,
        )
        .select_related("requested_by")
        .order_by("created_at", "pk")
    )
    if not states:
        return []
    sheets = (
        CodeSourceSheet.objects.select_related("author_eric")
        .defer("summary", *(name for name, _label in SHEET_SECTIONS))
        .in_bulk([int(state.object_id) for state in states])
    )
    return [
        {
            "sheet": sheets[int(state.object_id)],
            "requested_by": state.requested_by,
            "submitted_at": state.created_at,
        }
        for state in states
        if int(state.object_id) in sheets
    ]
