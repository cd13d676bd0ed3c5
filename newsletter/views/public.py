"""The public side (``/lettre/``): the archive, one page and one PDF per published
issue, the subscription form, the confirmation and one-click unsubscribe links.

The form answers the same whatever the address's state. The links change state only
on POST (a mail scanner following a GET confirms or unsubscribes nobody); the
unsubscribe POST needs neither login nor CSRF token, as RFC 8058 requires of
``List-Unsubscribe-Post``.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from coaching.models import Programme
from core.dates import paris_midnight
from core.pdf import render_pdf

from ..forms import SubscribeForm
from ..models import NewsletterIssue
from ..selectors import counted_newsletters, published_issues
from ..services.sending import issue_context
from ..services.subscribers import (
    TokenError,
    confirm,
    subscribe,
    subscriber_for_confirmation,
    subscriber_for_unsubscribe,
    unsubscribe,
)


def archive(request):
    """Every published issue; with ``?programme=<slug>&until=AAAA-MM-JJ``, exactly the
    issues that count toward that programme's target by that day (the dashboard's link)."""
    issues = published_issues()
    programme = None
    until = None
    slug = request.GET.get("programme")
    if slug:
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            raise Http404
        try:
            until = datetime.date.fromisoformat(request.GET.get("until", ""))
        except ValueError:
            until = datetime.date.max
        issues = counted_newsletters(programme, until=until)
        month = _month(request.GET.get("month", ""))
        if month is not None:
            issues = issues.filter(
                published_at__gte=paris_midnight(month),
                published_at__lt=paris_midnight(month + relativedelta(months=1)),
            )
        issues = issues.select_related("programme").order_by("-published_at", "-number")
    return render(
        request,
        "newsletter/archive.html",
        {"issues": issues, "programme": programme, "until": until},
    )


def _month(value: str) -> datetime.date | None:
    try:
        year, month = (int(part) for part in value.split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return None


def _published_issue(slug, number) -> NewsletterIssue:
    return get_object_or_404(
        NewsletterIssue.objects.published().select_related("programme"),
        programme__slug=slug,
        number=number,
    )


def issue_page(request, slug, number):
    issue = _published_issue(slug, number)
    return render(request, "newsletter/issue_page.html", issue_context(issue))


def issue_pdf(request, slug, number):
    issue = _published_issue(slug, number)
    pdf = render_pdf("newsletter/pdf/issue.html", issue_context(issue))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="lettre-%s-%d.pdf"' % (slug, issue.number)
    return response


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@require_http_methods(["GET", "POST"])
def subscribe_view(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscribe(email=form.cleaned_data["email"], ip=_client_ip(request))
        except ValidationError:
            form.add_error("email", _("Saisissez une adresse électronique complète."))
        else:
            return redirect("newsletter_public:subscribe_done")
    return render(
        request,
        "newsletter/subscribe.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def subscribe_done(request):
    return render(request, "newsletter/subscribe_done.html")


@require_http_methods(["GET", "POST"])
def confirm_view(request, token):
    try:
        if request.method == "POST":
            confirm(token=token)
            return render(request, "newsletter/link_result.html", {"confirmed": True})
        subscriber_for_confirmation(token)
    except TokenError as error:
        return render(request, "newsletter/link_result.html", {"error": str(error)}, status=400)
    return render(request, "newsletter/confirm.html")


@csrf_exempt  # RFC 8058: the mail client POSTs without a session or token
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    try:
        if request.method == "POST":
            _subscriber, changed = unsubscribe(token=token)
            return render(
                request,
                "newsletter/link_result.html",
                {"unsubscribed": True, "already": not changed},
            )
        subscriber = subscriber_for_unsubscribe(token)
    except TokenError as error:
        return render(request, "newsletter/link_result.html", {"error": str(error)}, status=400)
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})
