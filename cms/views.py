"""Crawler files of the public site; the way into Wagtail's editor for a new sheet."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from coaching.perms import can_write_code_source_sheet

from .editorial import CONTRIBUTORS_GROUP
from .forms import SheetStartForm
from .models import KnowledgeBaseIndexPage


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


@login_required
@require_GET
def sheet_new(request):
    """« Rédiger une fiche »: Wagtail's editor for a new sheet, under the knowledge base,
    with the ERIC, the animation and its month filled in (see ``cms.wagtail_hooks``)."""
    form = SheetStartForm(request.GET)
    if not form.is_valid():
        problems = [error for errors in form.errors.values() for error in errors]
        return _problem(request, problems, status=400)
    if not can_write_code_source_sheet(request.user, form.cleaned_data["eric"].pk):
        raise PermissionDenied
    knowledge_base = KnowledgeBaseIndexPage.objects.first()
    if knowledge_base is None:
        return _problem(
            request,
            [_("La base de connaissance n'est pas encore créée sur le site public.")],
            status=404,
        )
    if not knowledge_base.permissions_for_user(request.user).can_add_subpage():
        return _problem(
            request,
            [
                _(
                    "Votre compte n'a pas encore accès à l'espace d'édition du site : "
                    "demandez à un administrateur de vous ajouter au groupe « %(group)s »."
                )
                % {"group": CONTRIBUTORS_GROUP}
            ],
            status=403,
        )
    url = reverse("wagtailadmin_pages:add", args=("cms", "codesourcesheet", knowledge_base.pk))
    return redirect("%s?%s" % (url, form.query_string(next_url=_back_url(request, form))))


def _back_url(request, form) -> str:
    """Where Wagtail sends the team once the sheet is submitted: the page it came from."""
    back = request.GET.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    animation = form.cleaned_data["animation"]
    if animation is not None:
        return reverse("coaching:animation_detail", args=[animation.pk])
    return reverse("coaching:home")


def _problem(request, problems, *, status):
    return render(request, "cms/sheet_new_problem.html", {"problems": problems}, status=status)
