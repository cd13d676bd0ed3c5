"""Open data: the public indicators as CSV, the ERIC and their trust circles as GeoJSON.

Only what the public site already shows: no person, no private note.
"""

import csv

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cms.models import EricPage
from cms.selectors import sheets_published_by_month
from coaching.models import Programme
from core.params import day_param
from organisations.models import Organisation

from .geojson import erics_collection, trust_circles_collection

GEOJSON = "application/geo+json"
CSV_HEADER = ["programme", "eric", "mois", "fiches_code_source_publiees"]


@require_GET
def index(request):
    """Every dataset with real links: each public ERIC's circles, today and on its
    programme's first day, each programme's indicators, the API's lists."""
    eric_pages = EricPage.objects.live().select_related("eric").order_by("title")
    programmes = list(Programme.objects.order_by("start_date", "pk"))
    first_day = programmes[0].start_date if programmes else None
    return render(
        request,
        "opendata/index.html",
        {"eric_pages": eric_pages, "programmes": programmes, "first_day": first_day},
    )


def _eric(slug):
    return get_object_or_404(Organisation.objects.erics(), slug=slug)


@require_GET
@cache_control(public=True, max_age=300)
def eric_trust_circles_geojson(request, slug):
    """The ERIC's circles today, or on ``?date=AAAA-MM-JJ`` to see how they grew."""
    eric = _eric(slug)
    on = timezone.localdate()
    if request.GET.get("date"):
        on = day_param(request.GET["date"])
        if on is None:
            return JsonResponse(
                {
                    "error": _(
                        "Indiquez une date entre 2000 et 2099 au format AAAA-MM-JJ, "
                        "par exemple 2026-10-31."
                    )
                },
                status=400,
            )
    return JsonResponse(trust_circles_collection(eric, on=on), content_type=GEOJSON)


@require_GET
@cache_control(public=True, max_age=300)
def erics_geojson(request):
    urls = {
        page.eric_id: page.get_url(request)
        for page in EricPage.objects.live().only("eric_id", "url_path", "path", "depth")
    }
    return JsonResponse(erics_collection(urls=urls), content_type=GEOJSON)


@require_GET
@cache_control(public=True, max_age=3600)
def indicators_csv(request):
    """Public indicators: sheets published per ERIC and month, for every programme."""
    names = dict(Organisation.objects.erics().values_list("pk", "name"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="trajectoires-indicateurs.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    tz = timezone.get_current_timezone()
    for programme in Programme.objects.order_by("start_date", "pk"):
        for row in sheets_published_by_month(programme):
            writer.writerow(
                [
                    programme.name,
                    names.get(row["author_eric_id"], ""),
                    row["published_month"].astimezone(tz).strftime("%Y-%m"),
                    row["sheet_count"],
                ]
            )
    return response
