"""Open data and crawler files of the public site."""

import csv

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from coaching.models import Programme

from .selectors import sheets_published_by_month

CSV_HEADER = ["programme", "eric", "mois", "fiches_code_source_publiees"]


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /espace/",
        "Disallow: /connexion/",
        "Sitemap: %s" % request.build_absolute_uri(reverse("sitemap")),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=3600)
def indicators_csv(request):
    """Public indicators: sheets published per ERIC and month, for every programme."""
    from organisations.models import Organisation

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
