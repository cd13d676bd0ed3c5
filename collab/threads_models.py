"""The discussion list of each space (threads, their messages and attachments) and the
notifications (docs/adr/0024-discussion-list-and-notifications.md).

Imported by ``collab.models`` so that Django registers them with the app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage, random_name

from .membership import collab_reach


class DeliveryMode(models.TextChoices):
    """How a person hears of what happens in a space, besides the bell."""

    EACH = "each", _("chaque message")
    DIGEST = "digest", _("résumé quotidien")
    NOTHING = "nothing", _("rien")


#: What a person who never chose gets.
DEFAULT_MODE = DeliveryMode.DIGEST


class NotificationKind(models.TextChoices):
    MESSAGE = "message", _("message")
    MENTION = "mention", _("mention")
    WIKI = "wiki", _("page de wiki")
    DOCUMENT = "document", _("document")


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        reach = collab_reach(user)
        if reach.sees_every_space:
            return self
        return self.filter(space_id__in=reach.space_ids)


class Thread(models.Model):
    """A discussion of a space: a title and its messages, oldest first."""

    space = models.ForeignKey(
        "collab.Space", on_delete=models.CASCADE, related_name="threads", verbose_name=_("espace")
    )
    title = models.CharField(_("sujet"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ouvert par"),
    )
    created_at = models.DateTimeField(_("ouvert le"), auto_now_add=True)
    #: Kept by ``collab.threads.post_message`` for the list (no count per row).
    last_message_at = models.DateTimeField(_("dernier message le"), null=True)
    message_count = models.PositiveIntegerField(_("messages"), default=0)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_message_at"]
        verbose_name = _("fil de discussion")
        verbose_name_plural = _("fils de discussion")
        indexes = [models.Index(fields=["space", "-last_message_at"])]

    def __str__(self):
        return self.title


class Message(models.Model):
    """One message of a thread, written on the site or replied by e-mail."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="messages", verbose_name=_("fil")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="collab_messages",
        verbose_name=_("auteur ou autrice"),
    )
    body = models.TextField(_("texte (Markdown)"))
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)
    by_email = models.BooleanField(_("reçu par courriel"), default=False)
    #: The thread's title and the text, accent-free and lower-cased (the embedded
    #: database's search, collab/search.py).
    search_text = models.TextField(_("texte normalisé"), blank=True, editable=False)
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("personnes citées")
    )

    class Meta:
        ordering = ["thread", "created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return "%(thread)s — %(pk)s" % {"thread": self.thread_id, "pk": self.pk}


def attachment_upload_to(instance, filename):
    return random_name("collab/threads/%s" % instance.message.thread_id, filename)


class Attachment(models.Model):
    """A file joined to a message: checked by ``core.uploads.inspect_document``, kept in
    the private location and sent only to the members of the space."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("message")
    )
    file = models.FileField(
        _("fichier"), upload_to=attachment_upload_to, max_length=255, storage=private_storage
    )
    original_name = models.CharField(_("nom du fichier d'origine"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("taille (octets)"))

    class Meta:
        ordering = ["message", "pk"]
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def __str__(self):
        return self.original_name


class Notification(models.Model):
    """Something that happened in a space, for one member: the bell counts the unread
    ones, the digest gathers those of the day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="collab_notifications",
        verbose_name=_("destinataire"),
    )
    space = models.ForeignKey(
        "collab.Space", on_delete=models.CASCADE, related_name="+", verbose_name=_("espace")
    )
    kind = models.CharField(_("type"), max_length=16, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("par"),
    )
    text = models.CharField(_("texte"), max_length=300)
    url = models.CharField(_("adresse"), max_length=500)
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("envoyée par courriel le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.text


class NotificationPreference(models.Model):
    """A person's choice for one space, or for every space (``space`` empty)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="collab_preferences",
        verbose_name=_("personne"),
    )
    space = models.ForeignKey(
        "collab.Space",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("espace"),
    )
    mode = models.CharField(_("recevoir"), max_length=16, choices=DeliveryMode.choices)

    class Meta:
        verbose_name = _("préférence de notification")
        verbose_name_plural = _("préférences de notification")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "space"], name="collab_preference_one_per_space"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(space__isnull=True),
                name="collab_preference_one_global",
            ),
        ]

    def __str__(self):
        return "%(user)s — %(mode)s" % {"user": self.user_id, "mode": self.mode}


class DigestDelivery(models.Model):
    """The daily digest sent to one person on one day (Europe/Paris): the row is written
    in the same transaction as the sending, so a day never gets two."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("jour"))
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    items = models.PositiveIntegerField(_("nouvelles"), default=0)

    class Meta:
        verbose_name = _("résumé quotidien envoyé")
        verbose_name_plural = _("résumés quotidiens envoyés")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="collab_digest_once_a_day")
        ]

    def __str__(self):
        return "%(user)s — %(day)s" % {"user": self.user_id, "day": self.day}
