import datetime
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coaching.models import Programme
from coaching.scope import get_scope
from core.params import day_param, id_param, moment_param
from organisations.models import Organisation

from . import ical, selectors, services
from .enums import MONTH_DAY_LIMIT, AgendaView, EntryKind
from .forms import EntryForm, HotlineSlotForm, OccurrenceMoveForm
from .models import AgendaEntry, FeedToken
from .perms import can_manage_agenda_entry, can_view_agenda_entry


def _anchor(request) -> datetime.date:
    """The day whose month or week is shown: ``?date=AAAA-MM-JJ``, today otherwise.

    A date that does not exist (« 2026-02-31 ») or lies beyond the agenda's years opens
    the agenda at today, and says so."""
    value = request.GET.get("date", "")
    if not value:
        return timezone.localdate()
    day = day_param(value)
    if day is None:
        messages.warning(
            request,
            _(
                "La date « %(value)s » n'existe pas ou sort des années 2000 à 2099 : "
                "l'agenda s'ouvre à aujourd'hui."
            )
            % {"value": value[:20]},
        )
        return timezone.localdate()
    return day


def _managed(user):
    """Programmes and ERIC the user may schedule for."""
    scope = get_scope(user)
    if scope.sees_everything:
        return Programme.objects.all(), Organisation.objects.erics()
    programme_ids = set(scope.coached_programme_ids)
    return (
        Programme.objects.filter(pk__in=programme_ids),
        Organisation.objects.filter(pk__in=scope.coached_eric_ids),
    )


def _filters_query(eric_id, kind) -> str:
    """The filters of the page, as a query string to carry into its links."""
    params = {}
    if eric_id:
        params["eric"] = eric_id
    if kind:
        params["type"] = kind
    return urlencode(params)


@login_required
@require_GET
def agenda(request):
    """Month, week, day or list of what the user may see, filtered by ERIC and kind.

    A day of the month shows its first few occurrences and « + n autres », a link to
    the day; the month's recurrences are expanded once per data version (see
    ``selectors.agenda_occurrences``)."""
    view = request.GET.get("vue", AgendaView.MONTH)
    if view not in AgendaView.values:
        view = AgendaView.MONTH
    anchor = _anchor(request)
    if view == AgendaView.WEEK:
        first = anchor - datetime.timedelta(days=anchor.weekday())
        last = first + datetime.timedelta(days=6)
        previous, following = first - datetime.timedelta(days=7), first + datetime.timedelta(days=7)
        weeks = [[first + datetime.timedelta(days=n) for n in range(7)]]
    elif view == AgendaView.DAY:
        first = last = anchor
        previous, following = (
            anchor - datetime.timedelta(days=1),
            anchor + datetime.timedelta(days=1),
        )
        weeks = []
    else:
        first = anchor.replace(day=1)
        last = first + relativedelta(months=1, days=-1)
        previous, following = first - relativedelta(months=1), first + relativedelta(months=1)
        weeks = selectors.month_grid(anchor)
        if view == AgendaView.MONTH:
            first, last = weeks[0][0], weeks[-1][-1]
    eric_id = id_param(request.GET.get("eric"))
    kind = request.GET.get("type") or None
    if kind not in EntryKind.values:
        kind = None
    items = selectors.agenda_occurrences(
        request.user, first, last, anchor=anchor, eric_id=eric_id, kind=kind
    )
    by_day = {}
    for item in items:
        by_day.setdefault(item.day, []).append(item)
    limit = MONTH_DAY_LIMIT if view == AgendaView.MONTH else None
    scope = get_scope(request.user)
    programmes, erics = _managed(request.user)
    visible_erics = (
        Organisation.objects.erics()
        if scope.sees_everything
        else Organisation.objects.filter(pk__in=scope.coached_eric_ids | scope.team_eric_ids)
        | Organisation.objects.filter(accompaniments__programme_id__in=scope.region_programme_ids)
    ).distinct()
    context = {
        "view": view,
        "views": AgendaView,
        "anchor": anchor,
        "period_first": anchor.replace(day=1) if view == AgendaView.MONTH else first,
        "period_last": last,
        "previous": previous,
        "following": following,
        # (day, the occurrences shown, how many more the day holds)
        "weeks": [
            [
                (
                    day,
                    by_day.get(day, [])[:limit],
                    max(0, len(by_day.get(day, [])) - limit) if limit else 0,
                )
                for day in week
            ]
            for week in weeks
        ],
        "days": [(day, by_day[day]) for day in sorted(by_day)],
        "today": timezone.localdate(),
        "eric_id": eric_id,
        "kind": kind,
        "filters": _filters_query(eric_id, kind),
        "kinds": EntryKind.choices,
        "erics": list(visible_erics.order_by("name")),
        "can_schedule": programmes.exists(),
        "item_count": len(items),
        "weekdays": [WEEKDAYS[n] for n in range(7)],
    }
    return render(request, "agenda/agenda.html", context)


def _entry_or_404(pk):
    return get_object_or_404(
        AgendaEntry.objects.select_related("event", "event__rule", "programme", "eric"), pk=pk
    )


@login_required
@require_GET
def entry_detail(request, pk):
    entry = _entry_or_404(pk)
    if not can_view_agenda_entry(request.user, entry):
        raise Http404  # nothing revealed about entries the user may not see
    now = timezone.now()
    items = selectors.expand([entry], now - relativedelta(days=1), now + relativedelta(months=4))
    return render(
        request,
        "agenda/entry_detail.html",
        {
            "entry": entry,
            "items": items[:20],
            "can_manage": can_manage_agenda_entry(request.user, entry),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def hotline_slot_create(request):
    programmes, _erics = _managed(request.user)
    if not programmes.exists():
        raise PermissionDenied
    form = HotlineSlotForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry = services.hotline_slot_schedule(
            by=request.user,
            programme=data["programme"],
            first_day=data["first_day"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            until=data["until"],
            count=data["count"],
        )
        messages.success(request, _("La permanence hebdomadaire est dans l'agenda."))
        return redirect("agenda:entry_detail", pk=entry.pk)
    return render(request, "agenda/hotline_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request):
    programmes, erics = _managed(request.user)
    if not programmes.exists():
        raise PermissionDenied
    form = EntryForm(request.POST or None, programmes=programmes, erics=erics)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.entry_create(
                by=request.user,
                programme=data["programme"],
                eric=data["eric"],
                kind=data["kind"],
                title=data["title"],
                start=data["start"],
                end=data["end"],
                visibility=data["visibility"],
                location=data["location"],
                description=data["description"],
                repeat_until=data["repeat_until"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("L'événement est dans l'agenda."))
            return redirect("agenda:entry_detail", pk=entry.pk)
    return render(request, "agenda/entry_form.html", {"form": form})


def _original_start(request):
    value = request.POST.get("original_start") or request.GET.get("original_start") or ""
    moment = moment_param(value)
    if moment is None:
        raise Http404
    return moment


@login_required
@require_http_methods(["GET", "POST"])
def occurrence_edit(request, pk):
    """Cancel, restore or move one occurrence of a recurring entry."""
    entry = _entry_or_404(pk)
    if not can_view_agenda_entry(request.user, entry):
        raise Http404
    if not can_manage_agenda_entry(request.user, entry):
        raise PermissionDenied
    original_start = _original_start(request)
    form = OccurrenceMoveForm(request.POST if request.POST.get("action") == "move" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "cancel":
                services.occurrence_cancel(
                    by=request.user, entry=entry, original_start=original_start
                )
                messages.success(request, _("Ce créneau est annulé."))
                return redirect("agenda:entry_detail", pk=entry.pk)
            if action == "restore":
                services.occurrence_set_cancelled(
                    by=request.user, entry=entry, original_start=original_start, cancelled=False
                )
                messages.success(request, _("Ce créneau est rétabli."))
                return redirect("agenda:entry_detail", pk=entry.pk)
            if action == "move" and form.is_valid():
                services.occurrence_move(
                    by=request.user,
                    entry=entry,
                    original_start=original_start,
                    start=form.cleaned_data["start"],
                    end=form.cleaned_data["end"],
                )
                messages.success(request, _("Ce créneau est déplacé."))
                return redirect("agenda:entry_detail", pk=entry.pk)
        except ValidationError as error:
            form.add_error(None, error)
    duration = entry.event.end - entry.event.start
    if not form.is_bound:
        local = timezone.localtime(original_start)
        form = OccurrenceMoveForm(initial={"start": local, "end": local + duration})
    return render(
        request,
        "agenda/occurrence_form.html",
        {"entry": entry, "form": form, "original_start": original_start},
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def feed_settings(request):
    """Show, create, regenerate or revoke the user's private feed address."""
    token = FeedToken.objects.active().filter(user=request.user).first()
    if request.method == "POST":
        action = request.POST.get("action")
        if token is not None and action in ("regenerate", "revoke"):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            token = None
        if action in ("create", "regenerate"):
            token = FeedToken.objects.create(user=request.user)
            messages.success(request, _("Votre adresse d'abonnement est prête."))
        elif action == "revoke":
            messages.success(request, _("L'ancienne adresse ne donne plus accès à rien."))
        return redirect("agenda:feed_settings")
    feed_url = (
        request.build_absolute_uri(reverse("agenda:private_feed", args=[token.token]))
        if token
        else None
    )
    return render(request, "agenda/feed_settings.html", {"token": token, "feed_url": feed_url})


def _ics_response(payload: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(payload, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="%s"' % filename
    return response


@require_GET
def public_feed(request):
    entries = selectors.feed_entries(AgendaEntry.objects.public(), now=timezone.now())
    payload = ical.build_calendar(
        entries,
        name=_("Trajectoires — agenda public"),
        base_url=request.build_absolute_uri("/"),
    )
    return _ics_response(payload, "trajectoires-public.ics")


@never_cache
@require_GET
def private_feed(request, token):
    feed_token = FeedToken.objects.active().select_related("user").filter(token=token).first()
    if feed_token is None or not feed_token.user.is_active:
        raise Http404
    user = feed_token.user
    entries = selectors.feed_entries(AgendaEntry.objects.visible_to(user), now=timezone.now())
    payload = ical.build_calendar(
        entries,
        name=_("Trajectoires — mon agenda"),
        base_url=request.build_absolute_uri("/"),
    )
    return _ics_response(payload, "trajectoires.ics")


@require_GET
def entry_ics(request, uid):
    """ "Add to my calendar" for one entry: public ones for everyone, others if visible."""
    entry = AgendaEntry.objects.select_related("event", "event__rule").filter(uid=uid).first()
    if entry is None or not can_view_agenda_entry(request.user, entry):
        raise Http404
    payload = ical.build_calendar(
        [entry], name=entry.event.title, base_url=request.build_absolute_uri("/")
    )
    return _ics_response(payload, "evenement-%s.ics" % entry.uid)


@login_required
@require_POST
def entry_cancel(request, pk):
    entry = _entry_or_404(pk)
    if not can_view_agenda_entry(request.user, entry):
        raise Http404
    services.entry_update(by=request.user, entry=entry, cancelled=True)
    messages.success(request, _("L'événement est annulé ; les abonnés le verront annulé."))
    return redirect("agenda:entry_detail", pk=entry.pk)
