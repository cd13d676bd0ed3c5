"""Where uploaded files live, and how a private one reaches the person allowed to see it.

Two locations (``docs/adr/0017-private-media.md``):

- the **public** one, Django's ``default`` storage: Wagtail's library (original images,
  renditions, documents), i.e. what the public site shows. The proxy serves it as is
  (``/media/``).
- the **private** one, the ``private`` storage (:func:`private_storage`): journal photos
  and videos and their captions, training materials, reports. No address of the proxy
  reaches it; a private file is sent only by :func:`private_file_response`, which a view
  calls after its permission check (404 otherwise).

Both are on the local disk (``MEDIA_ROOT``, ``PRIVATE_MEDIA_ROOT``) or in an
S3-compatible bucket (``MEDIA_STORAGE=s3``: prefixes ``public/`` and ``private/``).
Stored names are random (:func:`random_name`); the original name is kept on the row
and given back in ``Content-Disposition``.
"""

import mimetypes
import re
import uuid
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.functional import LazyObject, cached_property, empty
from django.utils.http import content_disposition_header
from django.views.static import serve as static_serve

#: Every media response (public or private, app or proxy) carries these.
MEDIA_CSP = "default-src 'none'; sandbox"
#: Shown in the browser (``inline``); anything else is downloaded (``attachment``).
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"}


class PrivateStorage(LazyObject):
    """The ``private`` storage of ``STORAGES``, looked up when first used (as Django's
    ``default_storage``), and again when the setting changes (tests)."""

    def _setup(self):
        self._wrapped = storages["private"]


private = PrivateStorage()


def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        private._wrapped = empty


setting_changed.connect(_storages_changed)


def private_storage():
    """The private location, for ``FileField(storage=private_storage)``."""
    return private


class PrivateFileSystemStorage(FileSystemStorage):
    """The private location on disk: ``PRIVATE_MEDIA_ROOT``, with no public address."""

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location, base_url=None, **kwargs)
        setting_changed.connect(self._private_setting_changed)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _private_setting_changed(self, *, setting, **kwargs):
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("A private file has no public address: serve it through its view.")


def random_name(folder: str, filename: str) -> str:
    """``folder/<32 hex>.<extension>``: nothing of the original name but its extension."""
    suffix = Path(filename or "").suffix.lower()
    if not suffix[1:].isalnum() or len(suffix) > 10:
        suffix = ""
    return f"{folder.rstrip('/')}/{uuid.uuid4().hex}{suffix}"


def read_bytes(fieldfile) -> bytes:
    """A stored file's content, through its storage's API (``open()`` and ``chunks()``):
    a bucket's file has no ``.path``."""
    with fieldfile.storage.open(fieldfile.name, "rb") as handle:
        return b"".join(handle.chunks())


def is_s3(storage) -> bool:
    return hasattr(storage, "bucket_name")


def media_headers(response) -> None:
    """The headers every media response carries: nothing runs, nothing is sniffed."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP


def private_file_response(fieldfile, *, filename: str = "", content_type: str = ""):
    """Send a private file to a person the caller has allowed (the permission check is
    the caller's). ``filename`` is the name given back (the original one); ``content_type``
    the type checked on upload (guessed from the stored name otherwise).

    Images are shown ``inline``; anything else is an ``attachment``. How it is sent follows
    the settings: a short-lived signed address (S3), the proxy's internal redirect
    (``PRIVATE_MEDIA_SENDFILE=x-accel``, see ``platform/Caddyfile``), or streamed by the
    application (development).
    """
    if not fieldfile:
        raise Http404
    name = fieldfile.name
    storage = fieldfile.storage
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    disposition = content_disposition_header(
        content_type not in INLINE_TYPES, filename or PurePosixPath(name).name
    )
    if is_s3(storage):
        url = storage.url(
            name,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": content_type,
                "ResponseCacheControl": "private, no-store",
            },
            expire=settings.PRIVATE_MEDIA_URL_SECONDS,
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
    elif settings.PRIVATE_MEDIA_SENDFILE == "x-accel":
        if not storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        # The proxy serves the file from PRIVATE_MEDIA_ROOT (platform/Caddyfile).
        response["X-Accel-Redirect"] = "/" + quote(name)
        response["Cache-Control"] = "private, max-age=3600"
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        response = FileResponse(handle, content_type=content_type)
        response["Cache-Control"] = "private, max-age=3600"
    response["Content-Disposition"] = disposition
    media_headers(response)
    return response


#: Folders of the public location that held private files before ADR 0017: a file left
#: there (its row deleted before the migrations moved the others) is never served.
FORMER_PRIVATE_FOLDERS = ("journal/", "reports/", "trainings/")


def serve_public_media(request, path):
    """Development only: the public location as the proxy serves it (same headers, and
    the same 404 where private files were kept before ADR 0017)."""
    if path.startswith(FORMER_PRIVATE_FOLDERS):
        raise Http404
    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    content_type = response.get("Content-Type", "").split(";")[0]
    if content_type not in INLINE_TYPES:
        response["Content-Disposition"] = "attachment"
    media_headers(response)
    return response


def copy_to_private(name: str, new_name: str | None = None) -> str:
    """Copy a stored file from the public location to the private one (under ``new_name``
    if given); the name it has there. A file already in the private location is left
    alone; a missing one is skipped (its name is returned unchanged)."""
    public, private = storages["default"], storages["private"]
    if new_name is None and private.exists(name):
        return name
    if public.exists(name):
        source = public
    elif new_name is not None and private.exists(name):  # moved earlier, renamed now
        source = private
    else:
        return name
    with source.open(name, "rb") as handle:
        return private.save(new_name or name, handle)


_RANDOM_NAME = re.compile(r"/[0-9a-f]{32}(\.[a-z0-9]{1,9})?$")


def has_random_name(name: str) -> bool:
    return bool(_RANDOM_NAME.search(name or ""))


def move_rows_to_private(model, field: str, *, rename_folder=None, original_name_field=None):
    """Data migrations: move the files of ``model.field`` to the private location, giving
    those without a random name one (``rename_folder(row)`` is the folder) and keeping
    their original name in ``original_name_field``. Idempotent."""
    for row in model.objects.exclude(**{field: ""}).iterator():
        name = getattr(row, field).name
        new_name = None
        if rename_folder is not None and not has_random_name(name):
            new_name = random_name(rename_folder(row), name)
        stored = copy_to_private(name, new_name)
        if stored != name:
            changed = {field: stored}
            if original_name_field and not getattr(row, original_name_field):
                changed[original_name_field] = PurePosixPath(name).name[:255]
            model.objects.filter(pk=row.pk).update(**changed)
            storages["private"].delete(name)  # when renamed in place (no-op otherwise)
        # only once the row names the private copy does the public one go
        storages["default"].delete(name)
