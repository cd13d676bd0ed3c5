"""The read-only public JSON API (django-ninja): /api/, schema at /api/openapi.json.

Only what the public site already shows: sheets, ERIC, trust circles, and the
programme's aggregated indicators. No person.
"""

import datetime

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Schema

from cms.models import CodeSourceSheet
from coaching.models import Programme
from maps.models import TrustCircleEntry
from organisations.models import Organisation
from progress.indicators import cached_programme_indicators

api = NinjaAPI(
    title="Trajectoires — données ouvertes",
    version="1",
    description=(
        "Données publiques du programme Trajectoires des ERIC vers les tiers-lieux : "
        "fiches « code source », ERIC, cercles de confiance et indicateurs agrégés "
        "du programme. Lecture seule."
    ),
    urls_namespace="api",
    # Ninja's Swagger page loads its assets from a CDN: nothing is fetched from
    # elsewhere here, so only the schema is served.
    docs_url=None,
)


class EricOut(Schema):
    slug: str
    name: str
    town: str
    latitude: float | None
    longitude: float | None
    website: str


class SheetOut(Schema):
    title: str
    url: str
    summary: str
    author_eric: str
    month: datetime.date
    licence: str
    licence_url: str
    themes: list[str]
    first_published_at: datetime.datetime | None


class TrustCircleEntryOut(Schema):
    name: str
    kind: str
    circle: str
    relation: str
    description: str
    town: str
    since: datetime.date
    until: datetime.date | None
    latitude: float
    longitude: float


@api.get("/eric", response=list[EricOut], tags=["ERIC"], summary="Les ERIC")
def list_erics(request):
    return [
        EricOut(
            slug=eric.slug,
            name=eric.name,
            town=eric.town,
            latitude=float(eric.latitude) if eric.latitude is not None else None,
            longitude=float(eric.longitude) if eric.longitude is not None else None,
            website=eric.website,
        )
        for eric in Organisation.objects.erics().order_by("name")
    ]


@api.get(
    "/eric/{slug}/cercles-de-confiance",
    response=list[TrustCircleEntryOut],
    tags=["ERIC"],
    summary="Les cercles de confiance actuels d'un ERIC",
)
def list_trust_circle_entries(request, slug: str):
    eric = get_object_or_404(Organisation.objects.erics(), slug=slug)
    return [
        TrustCircleEntryOut(
            name=entry.name,
            kind=entry.kind,
            circle=entry.circle,
            relation=entry.relation,
            description=entry.description,
            town=entry.town,
            since=entry.since,
            until=entry.until,
            latitude=float(entry.latitude),
            longitude=float(entry.longitude),
        )
        for entry in TrustCircleEntry.objects.for_eric(eric)
        .current(timezone.localdate())
        .in_circle_order()
    ]


@api.get("/fiches", response=list[SheetOut], tags=["Base de connaissance"], summary="Les fiches")
def list_sheets(request):
    sheets = CodeSourceSheet.objects.live().public().for_listing().order_by("-first_published_at")
    return [
        SheetOut(
            title=sheet.title,
            url=sheet.get_full_url(request),
            summary=sheet.summary,
            author_eric=sheet.author_eric.name,
            month=sheet.month,
            licence=sheet.licence,
            licence_url=sheet.licence_choice.url,
            themes=[theme.name for theme in sheet.themes.all()],
            first_published_at=sheet.first_published_at,
        )
        for sheet in sheets
    ]


# --- Public indicators: aggregated figures against the programme's targets -----------


class ProgrammeOut(Schema):
    slug: str
    name: str
    start_date: datetime.date
    end_date: datetime.date
    eric_count: int


class MonthFigureOut(Schema):
    month: datetime.date
    value: int
    cumulative: int
    expected: int


class EricFigureOut(Schema):
    eric: str
    eric_name: str
    actual: int | None
    total: int
    expected: int
    status: str


class IndicatorOut(Schema):
    key: str
    indicator: str
    pilot: str
    label: str
    basis: str
    counting_rule: str
    target: int
    total: int
    tracked: bool
    actual: int | None
    expected: int
    status: str
    per_eric: list[EricFigureOut]
    months: list[MonthFigureOut]


class ProgrammeIndicatorsOut(Schema):
    programme: ProgrammeOut
    as_of: datetime.date
    indicators: list[IndicatorOut]


def _programme_out(programme, eric_count):
    return ProgrammeOut(
        slug=programme.slug,
        name=programme.name,
        start_date=programme.start_date,
        end_date=programme.end_date,
        eric_count=eric_count,
    )


@api.get("/programmes", response=list[ProgrammeOut], tags=["Indicateurs"], summary="Programmes")
def list_programmes(request):
    programmes = Programme.objects.annotate(n=Count("accompaniments")).order_by("-start_date")
    return [_programme_out(programme, programme.n) for programme in programmes]


@api.get(
    "/programmes/{slug}/indicateurs",
    response=ProgrammeIndicatorsOut,
    tags=["Indicateurs"],
    summary="Les objectifs d'un programme : réalisé, attendu à ce jour et état",
    description=(
        "Chiffres agrégés, calculés à partir de ce qui est enregistré : aucun nom de "
        "personne. « actual » vaut null quand l'indicateur n'est pas encore suivi. "
        "États : achieved (atteint), on_track (dans les temps), behind (en retard), "
        "at_risk (en danger), not_tracked (pas encore suivi). Un objectif propre à un "
        "pilote (« pilot ») ne porte que sur les ERIC de ce pilote ; « key » le nomme. "
        "Les valeurs attendues sont des nombres entiers."
    ),
)
def programme_indicators(request, slug: str):
    programme = get_object_or_404(Programme, slug=slug)
    result = cached_programme_indicators(programme, today=timezone.localdate())
    erics = {acc.eric_id: acc.eric for acc in result.accompaniments}
    return ProgrammeIndicatorsOut(
        programme=_programme_out(programme, result.eric_count),
        as_of=result.today,
        indicators=[
            IndicatorOut(
                key=row.key,
                indicator=row.indicator,
                pilot=row.pilot,
                label=str(row.label),
                basis=row.target.basis,
                counting_rule=row.target.counting_rule,
                target=row.target.value,
                total=row.figure.total,
                tracked=row.figure.tracked,
                actual=row.figure.actual,
                expected=row.figure.expected,
                status=row.figure.status,
                per_eric=[
                    EricFigureOut(
                        eric=erics[eric_id].slug,
                        eric_name=erics[eric_id].name,
                        actual=figure.actual,
                        total=figure.total,
                        expected=figure.expected,
                        status=figure.status,
                    )
                    for eric_id, figure in row.per_eric.items()
                ],
                months=[
                    MonthFigureOut(
                        month=point.month,
                        value=point.value,
                        cumulative=point.cumulative,
                        expected=point.expected,
                    )
                    for point in row.months
                ],
            )
            for row in result.rows
        ],
    )
