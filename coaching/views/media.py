"""Photos and videos of the journal's records (animations, federating events): the
upload page and the file, served only to those who may see the record."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.storage import private_file_response
from core.uploads import content_type_of

from ..forms import MediaForm


def media_add_page(request, *, add, record_url: str, crumbs, success_message: str):
    """The upload form of a record's photo or video. ``add(upload=…, **fields)`` is the
    record's service; ``crumbs`` the breadcrumb's links up to the record."""
    form = MediaForm(
        request.POST or None,
        request.FILES or None,
        initial={"author": request.user.get_full_name()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("upload")
        try:
            add(upload=upload, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, success_message)
            return redirect(record_url)
    return render(
        request,
        "coaching/media_form.html",
        {"form": form, "record_url": record_url, "crumbs": crumbs},
    )


def media_file_response(media):
    """The stored file, with the type checked on upload (see ``core.storage``): a photo
    shown inline, a video downloaded under its original name when opened on its own."""
    return private_file_response(
        media.file,
        filename=media.original_name,
        content_type=content_type_of(media.file.name, media.kind),
    )
