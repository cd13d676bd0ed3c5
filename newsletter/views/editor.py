"""The work space of the newsletter (``/espace/lettre/``): the editors plan, comment,
preview and publish; each contributor writes its own section. A record one may not
see is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coaching.models import Programme
from coaching.scope import get_scope
from core.forms import guard_edit

from ..forms import (
    ImportForm,
    IssueForm,
    IssueTextForm,
    PublishForm,
    SectionCommentForm,
    SectionPlanForm,
    SectionWriteForm,
)
from ..models import NewsletterIssue, Section
from ..perms import (
    can_edit_any_newsletter,
    can_edit_newsletter,
    can_write_section,
    organisation_ids,
)
from ..richtext import editable_text
from ..selectors import bounced_deliveries, delivery_summary, issue_sections, section_progress
from ..services import issues as issue_services
from ..services.sending import issue_context, render_issue_email, section_view
from ..services.subscribers import import_contacts


def _editable_programmes(user):
    scope = get_scope(user)
    if scope.is_editor:
        return Programme.objects.all()
    return Programme.objects.filter(pk__in=scope.coached_programme_ids)


def _issue_for_editor(user, pk) -> NewsletterIssue:
    issue = get_object_or_404(NewsletterIssue.objects.select_related("programme"), pk=pk)
    if not can_edit_newsletter(user, issue.programme_id):
        raise Http404
    return issue


@login_required
def issue_list(request):
    """The issues the user edits, and the sections its organisations write."""
    programmes = _editable_programmes(request.user)
    issues = (
        NewsletterIssue.objects.filter(programme__in=programmes)
        .select_related("programme")
        .order_by("-month", "-number")
    )
    my_sections = list(
        Section.objects.filter(organisation_id__in=organisation_ids(request.user))
        .select_related("issue__programme", "organisation")
        .order_by("-issue__month", "deadline")
    )
    today = timezone.localdate()
    for section in my_sections:
        section.progress = section_progress(section, today)
    if not can_edit_any_newsletter(request.user) and not my_sections:
        raise Http404
    return render(
        request,
        "newsletter/issue_list.html",
        {
            "issues": issues,
            "my_sections": my_sections,
            "can_edit": can_edit_any_newsletter(request.user),
        },
    )


@login_required
def issue_create(request):
    programmes = _editable_programmes(request.user)
    if not programmes.exists():
        raise Http404
    form = IssueForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            issue = issue_services.issue_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Le numéro est créé : ajoutez ses rubriques."))
            return redirect("newsletter:issue_detail", issue.pk)
    return render(
        request, "newsletter/form_page.html", {"form": form, "page_title": _("Nouveau numéro")}
    )


@login_required
def issue_detail(request, pk):
    issue = _issue_for_editor(request.user, pk)
    context = {
        "issue": issue,
        "sections": issue_sections(issue),
        "section_form": SectionPlanForm(initial={"position": issue.sections.count() + 1}),
        "text_form": IssueTextForm(
            initial={"title": issue.title, "introduction": editable_text(issue.introduction)}
        ),
        "publish_form": PublishForm(),
        "summary": delivery_summary(issue) if issue.is_published else None,
        "bounced": bounced_deliveries(issue) if issue.is_published else [],
    }
    return render(request, "newsletter/issue_detail.html", context)


def _issue_post(request, pk, form_class, action, success, *, form_key):
    """A form posted from the issue's page: on error, the page again with the form."""
    issue = _issue_for_editor(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(issue, form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, success)
            return redirect("newsletter:issue_detail", issue.pk)
    context = {
        "issue": issue,
        "sections": issue_sections(issue),
        "section_form": SectionPlanForm(initial={"position": issue.sections.count() + 1}),
        "text_form": IssueTextForm(
            initial={"title": issue.title, "introduction": editable_text(issue.introduction)}
        ),
        "publish_form": PublishForm(),
        "summary": delivery_summary(issue) if issue.is_published else None,
        "bounced": bounced_deliveries(issue) if issue.is_published else [],
    }
    context[form_key] = form
    return render(request, "newsletter/issue_detail.html", context, status=400)


@login_required
@require_POST
def issue_update(request, pk):
    return _issue_post(
        request,
        pk,
        IssueTextForm,
        lambda issue, data: issue_services.issue_update(by=request.user, issue=issue, **data),
        _("Le numéro est enregistré."),
        form_key="text_form",
    )


@login_required
@require_POST
def section_add(request, pk):
    return _issue_post(
        request,
        pk,
        SectionPlanForm,
        lambda issue, data: issue_services.section_create(by=request.user, issue=issue, **data),
        _("La rubrique est ajoutée au plan ; son bouclage est inscrit à l'agenda."),
        form_key="section_form",
    )


@login_required
@require_POST
def issue_publish(request, pk):
    def publish(issue, data):
        at = data["publish_at"] if data["when"] == "later" else None
        issue_services.issue_publish(by=request.user, issue=issue, at=at)

    return _issue_post(
        request,
        pk,
        PublishForm,
        publish,
        _("C'est fait : la lettre est publiée ou programmée."),
        form_key="publish_form",
    )


@login_required
@require_POST
def issue_unschedule(request, pk):
    issue = _issue_for_editor(request.user, pk)
    try:
        issue_services.issue_unschedule(by=request.user, issue=issue)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La publication programmée est annulée."))
    return redirect("newsletter:issue_detail", issue.pk)


def _section_for(user, pk, *, editor_only=False) -> Section:
    section = get_object_or_404(
        Section.objects.select_related("issue__programme", "organisation"), pk=pk
    )
    allowed = (
        can_edit_newsletter(user, section.issue.programme_id)
        if editor_only
        else can_write_section(user, section)
    )
    if not allowed:
        raise Http404
    return section


def section_values(section) -> dict:
    """The section's text and picks as its contributor's form shows them."""
    return {
        "body": editable_text(section.body),
        "submit": section.status == "submitted",
        "images": [item.pk for item in section.images.all()],
        "sheets": [sheet.pk for sheet in section.sheets.all()],
        "animations": [animation.pk for animation in section.animations.all()],
        "events": [entry.pk for entry in section.events.all()],
    }


@login_required
def section_edit(request, pk):
    """The contributor's page: its section's text, the editor's comment."""
    section = _section_for(request.user, pk)
    form = SectionWriteForm(
        request.POST or None,
        user=request.user,
        programme=section.issue.programme,
        initial=section_values(section),
    )
    # another person's save meanwhile: told, not overwritten
    with guard_edit(form, section, section_values) as locked:
        if request.method == "POST" and form.is_valid():
            try:
                issue_services.section_write(by=request.user, section=locked, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Votre rubrique est enregistrée."))
                return redirect("newsletter:section_edit", section.pk)
    return render(
        request,
        "newsletter/section_edit.html",
        {
            "section": section,
            "issue": section.issue,
            "form": form,
            "progress": section_progress(section),
            "is_editor": can_edit_newsletter(request.user, section.issue.programme_id),
            "section_view": section_view(section),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def section_plan(request, pk):
    section = _section_for(request.user, pk, editor_only=True)
    initial = {
        "title": section.title,
        "organisation": section.organisation,
        "deadline": section.deadline,
        "position": section.position,
    }
    form = SectionPlanForm(request.POST or None, initial=initial)
    comment_form = SectionCommentForm(initial={"comment": section.editor_comment})
    if request.method == "POST" and form.is_valid():
        try:
            issue_services.section_plan_update(
                by=request.user, section=section, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("La rubrique est modifiée."))
            return redirect("newsletter:issue_detail", section.issue_id)
    return render(
        request,
        "newsletter/section_plan.html",
        {"section": section, "issue": section.issue, "form": form, "comment_form": comment_form},
    )


@login_required
@require_POST
def section_comment(request, pk):
    section = _section_for(request.user, pk, editor_only=True)
    form = SectionCommentForm(request.POST)
    if form.is_valid():
        try:
            issue_services.section_comment(by=request.user, section=section, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Le commentaire est enregistré."))
            return redirect("newsletter:issue_detail", section.issue_id)
    return render(
        request,
        "newsletter/section_plan.html",
        {
            "section": section,
            "issue": section.issue,
            "form": SectionPlanForm(
                initial={
                    "title": section.title,
                    "organisation": section.organisation,
                    "deadline": section.deadline,
                    "position": section.position,
                }
            ),
            "comment_form": form,
        },
        status=400,
    )


@login_required
def issue_preview(request, pk):
    """The issue as its web page will show it, before publication too."""
    issue = _issue_for_editor(request.user, pk)
    return render(request, "newsletter/issue_page.html", issue_context(issue) | {"preview": True})


@login_required
def issue_email_preview(request, pk):
    """The e-mail exactly as sent (inlined CSS); ``?format=text`` for its text part."""
    issue = _issue_for_editor(request.user, pk)
    rendered = render_issue_email(issue)
    if request.GET.get("format") == "text":
        return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")
    response = HttpResponse(rendered.html)
    # the mail's own inline styles: the site's CSP would strip them in the preview
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src *"
    return response


@login_required
def subscriber_import(request):
    if not can_edit_any_newsletter(request.user):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = import_contacts(
                by=request.user,
                content=form.cleaned_data["file"],
                consent_text=form.cleaned_data["consent_text"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
    return render(
        request,
        "newsletter/subscriber_import.html",
        {"form": form, "report": report},
        status=400 if request.method == "POST" and report is None else 200,
    )
