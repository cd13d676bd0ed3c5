"""What the trainings' pages share."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse

from core.views import get_visible_or_404

from ..models import Training
from ..perms import can_view_training


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def get_training(request, pk) -> Training:
    """The training, if the user may see it; 404 otherwise, as for a missing one."""
    return get_visible_or_404(
        Training.objects.select_related("programme__funder").prefetch_related(
            "trainer_organisations", "trainers"
        ),
        can_view_training,
        request.user,
        pk=pk,
    )


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="%s"' % filename
    return response
