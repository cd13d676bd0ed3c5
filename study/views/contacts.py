"""The visitors who asked to be contacted about the study (« être recontacté·e »): the
list, its CSV and the erasure of one request, for those who run the event (the event's
team, SKEMA, the Region…, ``perms.can_run_event``). Never shown with the answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.exports import csv_response

from .. import services
from ..models import ContactRequest
from .access import event_or_404


def _requests(event):
    return list(event.contact_requests.order_by("day", "email"))


@login_required
def contact_list(request, pk):
    event = event_or_404(request, pk)
    return render(
        request,
        "study/contacts.html",
        {"event": event, "contacts": _requests(event)},
    )


CSV_COLUMNS = [
    (gettext_lazy("Jour"), lambda c: c.day),
    (gettext_lazy("Prénom"), lambda c: c.first_name),
    (gettext_lazy("Adresse électronique"), lambda c: c.email),
    (gettext_lazy("Consentement recueilli"), lambda c: c.consent_text),
]


@login_required
def contact_export(request, pk):
    event = event_or_404(request, pk)
    return csv_response(
        filename="demandes-de-contact-%s" % timezone.localdate().isoformat(),
        columns=CSV_COLUMNS,
        records=_requests(event),
    )


@login_required
@require_POST
def contact_delete(request, pk):
    contact = get_object_or_404(ContactRequest, pk=pk)
    event = event_or_404(request, contact.event_id)
    services.contact_delete(by=request.user, contact=contact)
    messages.success(
        request, _("La demande de contact de %(email)s est effacée.") % {"email": contact.email}
    )
    return redirect("study:contact_list", pk=event.pk)
