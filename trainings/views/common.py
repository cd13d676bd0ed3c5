"""What the trainings' pages share."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from ..models import Training


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def get_training(pk) -> Training:
    return get_object_or_404(
        Training.objects.select_related("programme__funder").prefetch_related(
            "trainer_organisations", "trainers"
        ),
        pk=pk,
    )


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="%s"' % filename
    return response
