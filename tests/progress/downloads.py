"""Following the dashboard's quick « rapport.pdf?au= » to the file it leads to."""

from django.http import HttpResponse
from django.test import TestCase
from django.urls import resolve, reverse

from progress.models import Report, ReportStatus


def fetch(client, path):
    """GET ``rapport.pdf?au=``: the request only asks for the report; it is built when
    the request's transaction commits (the immediate backend: the embedded default,
    where no worker runs), then the redirect is followed to the file. Other answers
    (refusals, the dashboard for a wrong day) are returned as they are."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.get(path)
    if response.status_code != 302:
        return response
    match = resolve(response["Location"].split("?")[0])
    if match.url_name not in ("report_detail", "report_download"):
        return response
    assert Report.objects.get(pk=match.kwargs["pk"]).status == ReportStatus.READY
    download = client.get(reverse("progress:report_download", args=[match.kwargs["pk"]]))
    copy = HttpResponse(b"".join(download.streaming_content), status=download.status_code)
    for header, value in download.items():
        copy[header] = value
    return copy
