"""The journal lists: what each shows, filters on (programme, ERIC, month, day, pilot,
status, topic, search) and exports, computed with a constant number of queries whatever
the number of rows.

Each list is described once, as data (:class:`JournalList`): its page, its CSV and XLSX
exports and its filters' header read the same description.

A figure of the dashboard opens a list filtered on its programme and the day it is
« arrêté au » (``?programme=<slug>&until=AAAA-MM-JJ``): the list then reads the same
domain function as the figure (``coaching.selectors.counted``), so that it shows as
many rows as the figure says.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core import exports
from core.dates import day_after
from organisations.models import Organisation

from ..enums import (
    AnimationFormat,
    AnimationStage,
    FederatingEventKind,
    HotlineTopic,
    SessionFormat,
    Visibility,
)
from ..forms import JournalFilterForm
from ..models import (
    Accompaniment,
    Animation,
    CoachingSession,
    FederatingEvent,
    FederatingEventParticipation,
    HotlineCall,
    Programme,
)
from ..perms import can_log_journal, can_view_hotline_weeks, can_view_journal
from ..scope import get_scope
from ..selectors.counted import counted_animations

PAGE_SIZE = 25


def require_journal(user):
    if not can_view_journal(user):
        raise PermissionDenied


# --- Lists ---------------------------------------------------------------------------


@dataclass
class JournalList:
    """What a journal list shows, filters on and exports."""

    kind: str
    title: Any
    #: The list's name in the breadcrumb (short).
    crumb: Any
    template: str
    date_field: str
    search_fields: tuple[str, ...]
    columns: list = field(default_factory=list)
    status_choices: Any = None
    status_label: Any = None
    topic_choices: Any = None
    topic_label: Any = None
    eric_path: str = "accompaniment__eric_id"
    programme_path: str = "accompaniment__programme_id"
    #: Whether the list filters on the ERIC's pilot (``organisations.enums.Pilot``).
    pilots: bool = False
    date_only: bool = False
    #: The page that logs a new record, and its button's label (none for the calls:
    #: the journal's navigation has « Noter un appel »).
    create_url_name: str = ""
    create_label: Any = ""

    def visible(self, user):
        """The records the user may see, plain: what the filters' choices read."""
        raise NotImplementedError

    def base_queryset(self, user):
        """The same records, with what the page and the exports show of them."""
        raise NotImplementedError

    def programmes(self, user):
        """The programmes the user reaches: every one for an administrator; for the
        others, those they fund, those of the accompaniments they see and those of this
        list's records (a partner's co-organised animations)."""
        scope = get_scope(user)
        if scope.sees_everything:
            return Programme.objects.all()
        return Programme.objects.filter(
            Q(pk__in=scope.region_programme_ids)
            | Q(pk__in=Accompaniment.objects.visible_to(user).values("programme_id"))
            | Q(pk__in=self.visible(user).values(self.programme_path))
        )

    def filter_programme(self, queryset, programme):
        return queryset.filter(**{self.programme_path: programme.pk})

    def filter_until(self, queryset, until):
        """Records of ``until`` or before (Europe/Paris days)."""
        if self.date_only:
            return queryset.filter(**{f"{self.date_field}__lte": until})
        return queryset.filter(**{f"{self.date_field}__lt": day_after(until)})

    def filter_pilot(self, queryset, pilot, *, eric=None):
        return queryset

    def filter_status(self, queryset, value):
        return queryset

    def filter_topic(self, queryset, value):
        return queryset

    def filter_counting(self, queryset, data):
        """The filters a dashboard's figure is made of: programme, day, pilot, status."""
        if data.get("programme"):
            queryset = self.filter_programme(queryset, data["programme"])
        if data.get("until"):
            queryset = self.filter_until(queryset, data["until"])
        if data.get("pilot"):
            queryset = self.filter_pilot(queryset, data["pilot"], eric=data.get("eric"))
        if data.get("status"):
            queryset = self.filter_status(queryset, data["status"])
        return queryset

    def filtered(self, request):
        queryset = self.base_queryset(request.user)
        # the ERIC of its records, and every ERIC the user follows: a figure of 0 opens
        # its ERIC's (empty) list, not an invalid filter
        erics = Organisation.objects.filter(
            Q(pk__in=self.visible(request.user).values(self.eric_path))
            | Q(pk__in=Accompaniment.objects.visible_to(request.user).values("eric_id"))
        ).order_by("name")
        form = JournalFilterForm(
            request.GET or None,
            erics=erics,
            programmes=self.programmes(request.user),
            pilots=self.pilots,
            status_choices=self.status_choices,
            status_label=self.status_label,
            topic_choices=self.topic_choices,
            topic_label=self.topic_label,
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            queryset = self.filter_counting(queryset, data)
            if data.get("eric"):
                # One participation per ERIC and event: the join adds no duplicate.
                queryset = queryset.filter(**{self.eric_path: data["eric"].pk})
            if data.get("month"):
                start = data["month"].replace(day=1)
                if not self.date_only:
                    start = datetime.datetime.combine(
                        start, datetime.time(), timezone.get_current_timezone()
                    )
                end = start + relativedelta(months=1)
                queryset = queryset.filter(
                    **{f"{self.date_field}__gte": start, f"{self.date_field}__lt": end}
                )
            if data.get("topic"):
                queryset = self.filter_topic(queryset, data["topic"])
            if data.get("q"):
                search = Q()
                for name in self.search_fields:
                    search |= Q(**{f"{name}__icontains": data["q"]})
                queryset = queryset.filter(search)
        return form, queryset


class HotlineCallList(JournalList):
    def visible(self, user):
        return HotlineCall.objects.visible_to(user)

    def base_queryset(self, user):
        return (
            self.visible(user)
            .select_related("accompaniment__eric", "caller_member")
            .prefetch_related("topics")
            .order_by("-started_at", "-pk")
        )

    def filter_status(self, queryset, value):
        return queryset.filter(visibility=value)

    def filter_topic(self, queryset, value):
        return queryset.filter(topics__topic=value).distinct()


class CoachingSessionList(JournalList):
    def visible(self, user):
        return CoachingSession.objects.visible_to(user)

    def base_queryset(self, user):
        return (
            self.visible(user)
            .select_related("accompaniment__eric", "milestone")
            .order_by("-started_at", "-pk")
        )

    def filter_status(self, queryset, value):
        return queryset.filter(format=value)


class AnimationList(JournalList):
    def visible(self, user):
        return Animation.objects.visible_to(user)

    def base_queryset(self, user):
        return (
            self.visible(user)
            .with_counting()
            .select_related("accompaniment__eric", "resource_person")
            .prefetch_related(
                Prefetch("co_organisers", queryset=Organisation.objects.order_by("name"))
            )
            .order_by("-starts_at", "-pk")
        )

    def filter_counting(self, queryset, data):
        programme = data.get("programme")
        if programme and data.get("status") == AnimationStage.COUNTED:
            # Exactly the figure's animations (those the user may see): the programme,
            # the day and the pilot are the counting function's own bounds.
            counted = counted_animations(
                programme,
                until=data.get("until") or timezone.localdate(),
                pilot=data.get("pilot") or None,
            )
            return queryset.filter(pk__in=counted.values("pk"))
        return super().filter_counting(queryset, data)

    def filter_pilot(self, queryset, pilot, *, eric=None):
        return queryset.filter(accompaniment__eric__pilot=pilot)

    def filter_status(self, queryset, value):
        return queryset.at_stage(value)

    def filter_topic(self, queryset, value):
        return queryset.filter(format=value)


def _co_organiser_names(animation):
    return ", ".join(org.name for org in animation.co_organisers.all())


HOTLINE_CALLS = HotlineCallList(
    kind="appels",
    title=gettext_lazy("Appels de permanence"),
    crumb=gettext_lazy("Appels"),
    template="coaching/hotlinecall_list.html",
    date_field="started_at",
    search_fields=("summary", "caller_name", "caller_role", "accompaniment__eric__name"),
    status_choices=Visibility.choices,
    status_label=gettext_lazy("Visibilité"),
    topic_choices=HotlineTopic.choices,
    columns=[
        (gettext_lazy("Date et heure"), lambda c: c.started_at),
        (gettext_lazy("ERIC"), lambda c: c.accompaniment.eric.name),
        (gettext_lazy("Appelant·e"), lambda c: c.caller_display),
        (gettext_lazy("Durée (minutes)"), lambda c: c.duration_minutes),
        (gettext_lazy("Canal"), lambda c: c.get_channel_display()),
        (gettext_lazy("Sujets"), lambda c: ", ".join(c.topic_labels())),
        (gettext_lazy("Résumé"), lambda c: c.summary),
        (gettext_lazy("Visibilité"), lambda c: c.get_visibility_display()),
    ],
)

COACHING_SESSIONS = CoachingSessionList(
    kind="seances",
    title=gettext_lazy("Séances d'accompagnement"),
    crumb=gettext_lazy("Séances"),
    create_url_name="coaching:coaching_session_create",
    create_label=gettext_lazy("Noter une séance"),
    template="coaching/coachingsession_list.html",
    date_field="started_at",
    search_fields=(
        "participants",
        "objectives",
        "notes",
        "next_steps",
        "accompaniment__eric__name",
    ),
    status_choices=SessionFormat.choices,
    status_label=gettext_lazy("Format"),
    columns=[
        (gettext_lazy("Date et heure"), lambda s: s.started_at),
        (gettext_lazy("ERIC"), lambda s: s.accompaniment.eric.name),
        (gettext_lazy("Format"), lambda s: s.get_format_display()),
        (gettext_lazy("Durée (minutes)"), lambda s: s.duration_minutes),
        (gettext_lazy("Participants"), lambda s: s.participants),
        (gettext_lazy("Objectifs"), lambda s: s.objectives),
        (gettext_lazy("Notes"), lambda s: s.notes),
        (gettext_lazy("Prochaines étapes"), lambda s: s.next_steps),
        (gettext_lazy("Jalon servi"), lambda s: s.milestone.title if s.milestone else ""),
        (gettext_lazy("Visibilité"), lambda s: s.get_visibility_display()),
    ],
)

ANIMATIONS = AnimationList(
    kind="animations",
    title=gettext_lazy("Animations"),
    crumb=gettext_lazy("Animations"),
    create_url_name="coaching:animation_create",
    create_label=gettext_lazy("Nouvelle animation"),
    template="coaching/animation_list.html",
    date_field="starts_at",
    pilots=True,
    search_fields=("title", "place", "intended_audiences", "accompaniment__eric__name"),
    status_choices=AnimationStage.choices,
    topic_choices=AnimationFormat.choices,
    topic_label=gettext_lazy("Format"),
    columns=[
        (gettext_lazy("Début"), lambda a: a.starts_at),
        (gettext_lazy("Fin"), lambda a: a.ends_at),
        (gettext_lazy("ERIC hôte"), lambda a: a.accompaniment.eric.name),
        (gettext_lazy("Titre"), lambda a: a.title),
        (gettext_lazy("Lieu"), lambda a: a.place),
        (gettext_lazy("Format"), lambda a: a.get_format_display()),
        (gettext_lazy("Statut"), lambda a: a.get_stage_display()),
        (gettext_lazy("Partenaires co-organisateurs"), _co_organiser_names),
        (gettext_lazy("Nombre de partenaires"), lambda a: a.partner_count_value),
        (gettext_lazy("SKEMA présente"), lambda a: a.skema_present),
        (gettext_lazy("Participants"), lambda a: a.attendance_total_value),
        (gettext_lazy("Compte dans l'objectif"), lambda a: a.counts),
        (gettext_lazy("Ce qui manque"), lambda a: ", ".join(a.missing_pieces())),
        (gettext_lazy("Compte rendu"), lambda a: a.report_what_happened),
    ],
)

PARTICIPATIONS = Prefetch(
    "participations",
    queryset=FederatingEventParticipation.objects.select_related("accompaniment__eric").order_by(
        "accompaniment__eric__name"
    ),
)


def _participants(event):
    return ", ".join(
        f"{p.accompaniment.eric.name} ({p.get_role_display()})" for p in event.participations.all()
    )


class FederatingEventList(JournalList):
    def visible(self, user):
        return FederatingEvent.objects.visible_to(user)

    def base_queryset(self, user):
        return (
            self.visible(user)
            .select_related("programme")
            .prefetch_related(PARTICIPATIONS)
            .order_by("-starts_on", "-pk")
        )

    def filter_programme(self, queryset, programme):
        """The programme's events that began within its period: the bounds of
        ``coaching.selectors.counted.federating_participations``."""
        return queryset.filter(
            programme=programme,
            starts_on__gte=programme.start_date,
            starts_on__lte=programme.end_date,
        )

    def filter_pilot(self, queryset, pilot, *, eric=None):
        """Events with a participation of an ERIC of ``pilot`` — of ``eric`` itself when
        the list is an ERIC's, so that its rows are that ERIC's participations."""
        participations = FederatingEventParticipation.objects.filter(
            accompaniment__eric__pilot=pilot
        )
        if eric is not None:
            participations = participations.filter(accompaniment__eric=eric)
        return queryset.filter(pk__in=participations.values("event_id"))

    def filter_topic(self, queryset, value):
        return queryset.filter(kind=value)


FEDERATING_EVENTS = FederatingEventList(
    kind="evenements",
    title=gettext_lazy("Événements fédérateurs"),
    crumb=gettext_lazy("Événements fédérateurs"),
    create_url_name="coaching:federating_event_create",
    create_label=gettext_lazy("Nouvel événement"),
    template="coaching/federatingevent_list.html",
    date_field="starts_on",
    date_only=True,
    eric_path="participations__accompaniment__eric_id",
    programme_path="programme_id",
    pilots=True,
    search_fields=("name", "place", "account"),
    topic_choices=FederatingEventKind.choices,
    topic_label=gettext_lazy("Type"),
    columns=[
        (gettext_lazy("Du"), lambda e: e.starts_on),
        (gettext_lazy("Au"), lambda e: e.ends_on),
        (gettext_lazy("Nom"), lambda e: e.name),
        (gettext_lazy("Type"), lambda e: e.get_kind_display()),
        (gettext_lazy("Lieu"), lambda e: e.place),
        (gettext_lazy("ERIC participants"), _participants),
        (gettext_lazy("Récit"), lambda e: e.account),
    ],
)


LISTS = {
    spec.kind: spec for spec in (HOTLINE_CALLS, COACHING_SESSIONS, ANIMATIONS, FEDERATING_EVENTS)
}


def list_page(request, spec: JournalList, extra=None):
    require_journal(request.user)
    form, queryset = spec.filtered(request)
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "spec": spec,
        "filter_form": form,
        "page": page,
        "records": list(page.object_list),
        "query": query.urlencode(),
        "can_log": can_log_journal(request.user),
        "shows_hotline_weeks": can_view_hotline_weeks(request.user),
        **(extra or {}),
    }
    return render(request, spec.template, context)


def export(request, spec: JournalList, fmt: str):
    require_journal(request.user)
    form, queryset = spec.filtered(request)
    filename = "{}-{}".format(spec.kind, timezone.localdate().strftime("%Y-%m-%d"))
    if fmt == "csv":
        return exports.csv_response(filename=filename, columns=spec.columns, records=queryset)
    return exports.xlsx_response(
        filename=filename, title=spec.title, columns=spec.columns, records=queryset
    )
