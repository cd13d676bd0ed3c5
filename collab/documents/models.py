"""Folders, documents and their versions.

A document belongs to a space (and to one of its folders, or to its root); who sees it
is the space's members, or only its managers (``DocumentVisibility``). Its file is the
file of its newest version; every version is kept (author, date, size, comment) in the
private location (ADR 0017) and is downloaded through the permission check.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.licences import PUBLICATION_LICENCES, Licence, licence_choices
from core.storage import private_storage, random_name

from ..membership import collab_reach


class DocumentVisibility(models.TextChoices):
    MEMBERS = "members", _("les membres de l'espace")
    MANAGERS = "managers", _("les gestionnaires de l'espace seulement")


class PreviewStatus(models.TextChoices):
    PENDING = "pending", _("en préparation")
    READY = "ready", _("prêt")
    NONE = "none", _("sans aperçu")  # a type that has none (a spreadsheet, a video)
    FAILED = "failed", _("impossible")  # unreadable, too slow, the tool missing


class Folder(models.Model):
    """A folder of a space's documents; ``parent`` empty: at the space's root. Renamed,
    never moved (so no cycle can appear)."""

    space = models.ForeignKey(
        "collab.Space", on_delete=models.CASCADE, related_name="folders", verbose_name=_("espace")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("dossier parent"),
    )
    name = models.CharField(_("nom"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        ordering = ["space", "name"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self):
        return self.name


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Documents of the spaces ``user`` belongs to; those kept for the managers only
        in the spaces they manage (no query: the reach is computed once)."""
        reach = collab_reach(user)
        if reach.sees_every_space:
            return self
        return self.filter(
            Q(space_id__in=reach.space_ids, visibility=DocumentVisibility.MEMBERS)
            | Q(space_id__in=reach.managed_space_ids)
        )


class Document(models.Model):
    """A shared document. ``current_version`` is its newest version; ``file_name``,
    ``content_text`` and ``search_text`` are copies kept for lists and search."""

    space = models.ForeignKey(
        "collab.Space",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("espace"),
    )
    folder = models.ForeignKey(
        Folder,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("dossier"),
    )
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=licence_choices(PUBLICATION_LICENCES),
        default=Licence.CC_BY_SA_4,
    )
    visibility = models.CharField(
        _("visible par"),
        max_length=16,
        choices=DocumentVisibility.choices,
        default=DocumentVisibility.MEMBERS,
    )
    current_version = models.ForeignKey(
        "DocumentVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dernière version"),
    )
    #: The newest version's original file name and its text (PDF, plain text).
    file_name = models.CharField(_("nom du fichier"), max_length=255, blank=True)
    content_text = models.TextField(_("texte du fichier"), blank=True, editable=False)
    #: Title, description, file name and text, accent-free (the embedded database's search).
    search_text = models.TextField(_("texte normalisé"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("déposé par"),
    )
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), null=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["space", "title"]
        verbose_name = _("document partagé")
        verbose_name_plural = _("documents partagés")
        indexes = [models.Index(fields=["space", "folder"])]

    def __str__(self):
        return self.title

    @property
    def licence_choice(self) -> Licence:
        return Licence(self.licence)

    @property
    def managers_only(self) -> bool:
        return self.visibility == DocumentVisibility.MANAGERS


def version_upload_to(instance, filename):
    """``collab/<space>/<document>/<random>.<ext>``: the original name stays on the row."""
    return random_name(
        "collab/%s/%s" % (instance.document.space_id, instance.document_id), filename
    )


def preview_upload_to(instance, filename):
    return random_name(
        "collab/%s/%s/previews" % (instance.document.space_id, instance.document_id), filename
    )


class DocumentVersion(models.Model):
    """One file of a document: never changed once saved (its preview and text are added
    by the task worker)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("numéro"))
    file = models.FileField(
        _("fichier"), upload_to=version_upload_to, max_length=255, storage=private_storage
    )
    original_name = models.CharField(_("nom du fichier d'origine"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    comment = models.CharField(_("commentaire"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("déposée par"),
    )
    created_at = models.DateTimeField(_("déposée le"))
    preview = models.FileField(
        _("aperçu"),
        upload_to=preview_upload_to,
        max_length=255,
        blank=True,
        storage=private_storage,
    )
    preview_status = models.CharField(
        _("aperçu"), max_length=16, choices=PreviewStatus.choices, default=PreviewStatus.PENDING
    )
    #: The file's text (PDF, plain text), read by the task worker for the search.
    text = models.TextField(_("texte"), blank=True, editable=False)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("version de document")
        verbose_name_plural = _("versions de documents")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="collab_document_version_unique"
            )
        ]

    def __str__(self):
        return "%(document)s — %(number)s" % {"document": self.document, "number": self.number}

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"
