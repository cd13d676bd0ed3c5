"""The read-only public JSON API (django-ninja): /api/, schema at /api/openapi.json.

Only what the public site already shows: sheets, ERIC, trust circles. No person.
"""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Schema

from maps.models import TrustCircleEntry
from organisations.models import Organisation

from .models import CodeSourceSheet

api = NinjaAPI(
    title="Trajectoires — données ouvertes",
    version="1",
    description=(
        "Données publiques du programme Trajectoires des ERIC vers les tiers-lieux : "
        "fiches « code source », ERIC et cercles de confiance. Lecture seule."
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
