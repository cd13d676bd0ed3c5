"""The collaborative platform: spaces, and the wiki that lives in each.

A :class:`Space` gathers the people of the programme, of one ERIC's accompaniment or of
one training. Who belongs to it is derived from the roles the platform already knows
(``collab.membership``), plus invitations by the space's managers. The wiki, and next
the discussion list and the shared documents, hang off a space: each of their records
carries a ``space`` foreign key, and ``SpaceQuerySet.visible_to`` /
``collab.membership.can_view_space`` decide who sees it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.licences import PUBLICATION_LICENCES, Licence, licence_choices

from .enums import SpaceKind
from .membership import collab_reach


class SpaceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The spaces ``user`` belongs to (no query: the reach is computed once)."""
        reach = collab_reach(user)
        if reach.sees_every_space:
            return self
        return self.filter(pk__in=reach.space_ids)


class Space(models.Model):
    """A collaborative space: the programme's, an ERIC's (its accompaniment) or a
    training's. Created by ``collab.services.sync_spaces`` for each of them."""

    kind = models.CharField(_("type"), max_length=16, choices=SpaceKind.choices)
    programme = models.ForeignKey(
        "coaching.Programme",
        on_delete=models.CASCADE,
        related_name="collab_spaces",
        verbose_name=_("programme"),
    )
    accompaniment = models.OneToOneField(
        "coaching.Accompaniment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="collab_space",
        verbose_name=_("accompagnement"),
    )
    training = models.OneToOneField(
        "trainings.Training",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="collab_space",
        verbose_name=_("formation"),
    )
    title = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=120, unique=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "kind", "title"]
        verbose_name = _("espace collaboratif")
        verbose_name_plural = _("espaces collaboratifs")
        constraints = [
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(kind=SpaceKind.PROGRAMME),
                name="collab_space_one_per_programme",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=SpaceKind.PROGRAMME, accompaniment__isnull=True, training__isnull=True)
                    | Q(kind=SpaceKind.ERIC, accompaniment__isnull=False, training__isnull=True)
                    | Q(kind=SpaceKind.TRAINING, accompaniment__isnull=True, training__isnull=False)
                ),
                name="collab_space_kind_matches_its_subject",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def kind_label(self) -> str:
        return SpaceKind(self.kind).label


class SpaceInvitationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class SpaceInvitation(models.Model):
    """Someone a manager of the space invited in; revoking keeps the row (who, when)."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("espace")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="collab_invitations",
        verbose_name=_("personne invitée"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invitée par"),
    )
    created_at = models.DateTimeField(_("invitée le"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("retirée par"),
    )

    objects = SpaceInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["space", "-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["space", "user"],
                condition=Q(revoked_at__isnull=True),
                name="collab_invitation_one_active",
            )
        ]

    def __str__(self):
        return "%(user)s — %(space)s" % {"user": self.user, "space": self.space}


# --- Wiki ----------------------------------------------------------------------------


class WikiPageQuerySet(models.QuerySet):
    def visible_to(self, user):
        reach = collab_reach(user)
        if reach.sees_every_space:
            return self
        return self.filter(space_id__in=reach.space_ids)


class WikiPage(models.Model):
    """A wiki page of a space. Its text is the last of its revisions; ``body`` and
    ``search_text`` are copies kept by ``collab.services.wiki`` for lists and search."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="wiki_pages", verbose_name=_("espace")
    )
    title = models.CharField(_("titre"), max_length=200)
    #: The page's address in its space, and the key ``[[Title]]`` links resolve to.
    slug = models.SlugField(_("identifiant d'adresse"), max_length=200)
    body = models.TextField(_("texte (Markdown)"), blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=licence_choices(PUBLICATION_LICENCES),
        default=Licence.CC_BY_SA_4,
    )
    #: Title and text, accent-free and lower-cased (the embedded database's search).
    search_text = models.TextField(_("texte normalisé"), blank=True, editable=False)
    current_number = models.PositiveIntegerField(_("dernière révision"), default=0)
    updated_at = models.DateTimeField(_("modifiée le"), null=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("modifiée par"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    proposed_sheet = models.ForeignKey(
        "cms.CodeSourceSheet",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fiche « code source » proposée"),
    )
    proposed_at = models.DateTimeField(_("proposée le"), null=True, blank=True)

    objects = WikiPageQuerySet.as_manager()

    class Meta:
        ordering = ["space", "title"]
        verbose_name = _("page de wiki")
        verbose_name_plural = _("pages de wiki")
        constraints = [
            models.UniqueConstraint(fields=["space", "slug"], name="collab_wiki_page_unique_slug")
        ]

    def __str__(self):
        return self.title

    @property
    def licence_choice(self) -> Licence:
        return Licence(self.licence)


class WikiRevision(models.Model):
    """One save of a wiki page: its whole text, who wrote it and when. Never changed;
    restoring an old revision adds a new one (``restored_from``)."""

    page = models.ForeignKey(
        WikiPage, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("page")
    )
    number = models.PositiveIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte (Markdown)"), blank=True)
    comment = models.CharField(_("résumé de la modification"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="collab_wiki_revisions",
        verbose_name=_("auteur ou autrice"),
    )
    created_at = models.DateTimeField(_("enregistrée le"))
    restored_from = models.PositiveIntegerField(_("rétablit la révision"), null=True, blank=True)

    class Meta:
        ordering = ["page", "-number"]
        verbose_name = _("révision de page de wiki")
        verbose_name_plural = _("révisions de pages de wiki")
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="collab_wiki_revision_unique")
        ]

    def __str__(self):
        return "%(page)s — %(number)s" % {"page": self.page, "number": self.number}


class WikiLink(models.Model):
    """A ``[[Title]]`` link of a page's last revision, to a page of the same space that
    may not exist yet (« pages manquantes »). Rewritten at every save."""

    source = models.ForeignKey(
        WikiPage, on_delete=models.CASCADE, related_name="links", verbose_name=_("page")
    )
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    target_slug = models.SlugField(_("page liée"), max_length=200)
    target_title = models.CharField(_("titre lié"), max_length=200)

    class Meta:
        ordering = ["target_title"]
        verbose_name = _("lien de wiki")
        verbose_name_plural = _("liens de wiki")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target_slug"], name="collab_wiki_link_unique"
            )
        ]
        indexes = [models.Index(fields=["space", "target_slug"])]

    def __str__(self):
        return "%(source)s → %(target)s" % {"source": self.source, "target": self.target_title}


# --- Shared documents (collab/documents/, ADR 0025) ----------------------------------
# Defined in their own module; imported here so that Django finds them with the app's.
from .documents.models import Document, DocumentVersion, Folder  # noqa: E402, F401

# The discussion list and the notifications live in their own module (ADR 0024).
from .threads_models import (  # noqa: E402, F401
    Attachment,
    DigestDelivery,
    Message,
    Notification,
    NotificationPreference,
    Thread,
)
