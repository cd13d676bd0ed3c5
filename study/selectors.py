"""The study's reads: the live figures of an event, the typology of uses, the
anonymised export. Counted in SQL; raw entries and the tallies left by the retention
task add up (docs/adr/0016-visitor-study.md)."""

from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractHour
from django.utils.translation import gettext as _

from .enums import (
    USAGE_RULES,
    AgeBand,
    Channel,
    Companions,
    Question,
    Residence,
    Satisfaction,
    UsageType,
)
from .models import EntryChoice, MotivationCoding, RemoteCount, StudyEvent, Tally, VisitorEntry

PARIS = ZoneInfo("Europe/Paris")


def with_usage_type(queryset):
    """Entries annotated with ``usage_type`` (the typology), in SQL."""
    whens = [
        When(
            Exists(
                EntryChoice.objects.filter(
                    entry=OuterRef("pk"), question=Question.ACTIVITY, code__in=sorted(codes)
                )
            ),
            then=Value(str(kind)),
        )
        for kind, codes in USAGE_RULES
    ]
    return queryset.annotate(
        usage_type=Case(*whens, default=Value(str(UsageType.PASSER_BY)), output_field=CharField())
    )


def _tallies(events_filter: Q, dimensions) -> dict:
    """``{(channel, dimension): Counter}`` of the tallies left by the retention task."""
    result = defaultdict(Counter)
    rows = (
        Tally.objects.filter(events_filter, dimension__in=dimensions)
        .values("channel", "dimension", "code")
        .annotate(n=Sum("count"))
    )
    for row in rows:
        result[(row["channel"], row["dimension"])][row["code"]] += row["n"]
    return result


def live_summary(event) -> dict:
    """What the team's live page shows: on-site visitors so far, by hour, by activity, by
    motivation; remote participants apart. Four queries."""
    questionnaire = event.questionnaire
    entries = VisitorEntry.objects.filter(event=event)
    by_hour, totals = Counter(), Counter()
    for row in (
        entries.annotate(hour=ExtractHour("arrived_at", tzinfo=PARIS))
        .values("channel", "hour")
        .annotate(n=Count("pk"))
    ):
        totals[row["channel"]] += row["n"]
        if row["channel"] == Channel.ON_SITE:
            by_hour[row["hour"]] += row["n"]
    choices = defaultdict(Counter)
    for row in (
        EntryChoice.objects.filter(entry__event=event, entry__channel=Channel.ON_SITE)
        .values("question", "code")
        .annotate(n=Count("pk"))
    ):
        choices[row["question"]][row["code"]] = row["n"]
    tallies = _tallies(Q(event=event), ["total", "hour", "activity", "motivation"])
    for channel in Channel.values:
        totals[channel] += tallies[(channel, "total")].get("all", 0)
    for hour, n in tallies[(Channel.ON_SITE, "hour")].items():
        by_hour[int(hour)] += n
    for question in (Question.ACTIVITY, Question.MOTIVATION):
        choices[question].update(tallies[(Channel.ON_SITE, str(question))])
    remote_counted = RemoteCount.objects.filter(event=event).aggregate(n=Sum("count"))["n"] or 0

    def labelled(items, counter):
        return [
            {"code": code, "label": label, "count": counter.get(code, 0)} for code, label in items
        ]

    return {
        "visitors": totals[Channel.ON_SITE],
        "remote_form": totals[Channel.REMOTE],
        "remote_counted": remote_counted,
        "by_hour": [
            {"hour": hour, "label": "%02d h" % hour, "count": by_hour[hour]}
            for hour in sorted(set(by_hour) | set(_opening_hours(event)))
        ],
        "by_activity": labelled(questionnaire.activities, choices[Question.ACTIVITY]),
        "by_motivation": labelled(questionnaire.motivations, choices[Question.MOTIVATION]),
    }


def _opening_hours(event) -> range:
    last = event.closes_at.hour - (1 if event.closes_at.minute == 0 else 0)
    return range(event.opens_at.hour, last + 1)


# --- The typology ----------------------------------------------------------------------

#: The dimensions the typology reports and the retention task keeps.
DIMENSIONS = [
    "usage_type",
    "first_visit",
    "age_band",
    "residence",
    "heard_of",
    "companions",
    "satisfaction",
    "would_return",
]


def _code(value) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def dimension_counts(entries) -> dict:
    """``{dimension: Counter}`` for entries (a queryset), in SQL: one query per
    dimension, one for the multi-answer questions, one for the coded categories."""
    result = {"total": Counter({"all": entries.count()})}
    typed = with_usage_type(entries)
    for dimension in DIMENSIONS:
        qs = typed if dimension == "usage_type" else entries
        result[dimension] = Counter(
            {
                _code(row[dimension]): row["n"]
                for row in qs.order_by().values(dimension).annotate(n=Count("pk"))
            }
        )
    result["motivation"], result["activity"] = Counter(), Counter()
    for row in (
        EntryChoice.objects.filter(entry__in=entries)
        .values("question", "code")
        .annotate(n=Count("pk"))
    ):
        result[row["question"]][row["code"]] = row["n"]
    result["motivation_category"] = Counter(
        {
            row["category__name"]: row["n"]
            for row in MotivationCoding.objects.filter(entry__in=entries)
            .values("category__name")
            .annotate(n=Count("pk"))
        }
    )
    result["hour"] = Counter(
        {
            str(row["hour"]): row["n"]
            for row in entries.annotate(hour=ExtractHour("arrived_at", tzinfo=PARIS))
            .values("hour")
            .annotate(n=Count("pk"))
        }
    )
    return result


#: The typology's cross table: usage type × first visit, keyed "<usage>|<yes/no/none>".
USAGE_FIRST_VISIT = "usage_first_visit"


def usage_by_first_visit(entries) -> Counter:
    """``{"<usage type>|<first visit>": n}`` for entries (a queryset), in one query: the
    typology's cross table, and what the retention task keeps of it."""
    return Counter(
        {
            "%s|%s" % (row["usage_type"], _code(row["first_visit"])): row["n"]
            for row in with_usage_type(entries)
            .order_by()
            .values("usage_type", "first_visit")
            .annotate(n=Count("pk"))
        }
    )


TYPOLOGY_TABLES = [
    ("usage_type", lambda q: dict(UsageType.choices)),
    (
        "first_visit",
        lambda q: {"yes": _("première venue"), "no": _("déjà venu·e"), "none": _("sans réponse")},
    ),
    ("age_band", lambda q: dict(AgeBand.choices)),
    ("residence", lambda q: dict(Residence.choices)),
    ("motivation", lambda q: q["motivations"]),
    ("motivation_category", None),
    ("activity", lambda q: q["activities"]),
    ("heard_of", lambda q: {**q["heard_of"], "none": _("sans réponse")}),
    ("companions", lambda q: {**dict(Companions.choices), "none": _("sans réponse")}),
    (
        "satisfaction",
        lambda q: {**{str(k): v for k, v in Satisfaction.choices}, "none": _("sans réponse")},
    ),
]


def table_titles() -> dict:
    return {
        "usage_type": _("Typologie des usages"),
        "first_visit": _("Première venue à la médiathèque"),
        "age_band": _("Tranches d'âge"),
        "residence": _("Lieu de résidence"),
        "motivation": _("Motivations (plusieurs réponses possibles)"),
        "motivation_category": _("Motivations en texte libre, codées par catégorie"),
        "activity": _("Activités pratiquées (plusieurs réponses possibles)"),
        "heard_of": _("Comment les visiteurs ont connu le lieu"),
        "companions": _("Venu·es avec"),
        "satisfaction": _("Satisfaction à la sortie"),
    }


def counted_study_events(programme, today):
    """Pilot 1's deliverable « étude des visiteurs », per event: the study's events of
    ``programme`` over by ``today`` with at least one on-site answer (kept raw or as
    tallies). The dashboard's figure and the list behind it are to read this one
    queryset (ADR 0008): ``progress.indicators.counts.study_counts`` and the study's home
    filtered by programme and day (``?programme=<slug>&until=AAAA-MM-JJ``)."""
    answered = Exists(
        VisitorEntry.objects.filter(event=OuterRef("pk"), channel=Channel.ON_SITE)
    ) | Exists(
        Tally.objects.filter(event=OuterRef("pk"), channel=Channel.ON_SITE, dimension="total")
    )
    return StudyEvent.objects.filter(
        answered, study__programme=programme, end_date__lte=today
    ).order_by("end_date", "pk")


def with_visitors(events):
    """``events`` annotated with ``visitors``: their on-site answers, kept raw or as
    tallies (two subqueries, no extra query)."""
    raw = (
        VisitorEntry.objects.filter(event=OuterRef("pk"), channel=Channel.ON_SITE)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    tallied = (
        Tally.objects.filter(event=OuterRef("pk"), channel=Channel.ON_SITE, dimension="total")
        .order_by()
        .values("event")
        .annotate(n=Sum("count"))
        .values("n")
    )
    return events.annotate(visitors=Coalesce(Subquery(raw), 0) + Coalesce(Subquery(tallied), 0))
