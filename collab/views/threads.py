"""The discussion list of a space: its threads, a thread and its replies, the messages
that arrived since (for the live page), the attachments.

Every view finds the space through the reader's reach first (404 otherwise): another
ERIC's threads, messages and files are as absent as ones that do not exist."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.params import id_param
from core.storage import private_file_response

from ..models import Attachment, Thread
from ..notifications import mark_page_read
from ..threads import message_rows, post_message, thread_create, thread_messages
from ..threads_forms import ReplyForm, ThreadForm
from .common import space_or_404

THREADS_PAGE_SIZE = 50


def _apply_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def thread_or_404(user, space_slug, pk) -> Thread:
    space = space_or_404(user, space_slug)
    thread = get_object_or_404(Thread.objects.select_related("created_by"), space=space, pk=pk)
    thread.space = space
    return thread


@login_required
def thread_list(request, space):
    space = space_or_404(request.user, space)
    threads = (
        Thread.objects.filter(space=space)
        .select_related("created_by")
        .order_by("-last_message_at", "-pk")
    )
    page = Paginator(threads, THREADS_PAGE_SIZE).get_page(id_param(request.GET.get("page")) or 1)
    return render(request, "collab/threads/thread_list.html", {"space": space, "threads": page})


@login_required
def thread_new(request, space):
    space = space_or_404(request.user, space)
    status = 200
    if request.method == "POST":
        form = ThreadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                thread = thread_create(
                    by=request.user,
                    space=space,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                flash.success(request, _("La discussion est ouverte."))
                return redirect("collab:thread_detail", space.slug, thread.pk)
        status = 400
    else:
        form = ThreadForm()
    return render(
        request, "collab/threads/thread_form.html", {"space": space, "form": form}, status=status
    )


@login_required
def thread_detail(request, space, pk):
    thread = thread_or_404(request.user, space, pk)
    status = 200
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message = post_message(
                    by=request.user,
                    thread=thread,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                url = reverse("collab:thread_detail", args=[thread.space.slug, thread.pk])
                return redirect("%s#message-%d" % (url, message.pk))
        status = 400
    else:
        form = ReplyForm()
        # read: the bell forgets the thread's messages and mentions
        mark_page_read(
            request.user, reverse("collab:thread_detail", args=[thread.space.slug, thread.pk])
        )
    rows = message_rows(request.user, thread, thread_messages(thread))
    return render(
        request,
        "collab/threads/thread_detail.html",
        {
            "space": thread.space,
            "thread": thread,
            "rows": rows,
            "last_id": rows[-1]["message"].pk if rows else 0,
            "form": form,
        },
        status=status,
    )


@login_required
def thread_messages_since(request, space, pk):
    """The messages after ``?apres=<id>``, as the thread page shows them (its live
    script asks for them when told a message arrived)."""
    thread = thread_or_404(request.user, space, pk)
    after = id_param(request.GET.get("apres")) or 0
    rows = message_rows(request.user, thread, thread_messages(thread, after=after))
    return render(
        request,
        "collab/threads/includes/messages.html",
        {"space": thread.space, "thread": thread, "rows": rows},
    )


@login_required
def attachment_download(request, space, pk):
    space = space_or_404(request.user, space)
    attachment = get_object_or_404(
        Attachment.objects.select_related("message__thread"),
        pk=pk,
        message__thread__space=space,
    )
    return private_file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )
