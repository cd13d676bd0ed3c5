"""The monthly newsletter: issues planned in sections written by several organisations,
its subscribers (double opt-in) and the send log, one row per issue and recipient."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import (
    ConsentSource,
    DeliveryState,
    IssueStatus,
    SectionStatus,
    SubscriberStatus,
)


def new_token_salt() -> str:
    return secrets.token_urlsafe(12)


class NewsletterIssueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=IssueStatus.PUBLISHED, published_at__isnull=False)


class NewsletterIssue(models.Model):
    """One numbered issue of a programme's monthly newsletter."""

    programme = models.ForeignKey(
        "coaching.Programme",
        on_delete=models.PROTECT,
        related_name="newsletter_issues",
        verbose_name=_("programme"),
    )
    number = models.PositiveSmallIntegerField(_("numéro"), validators=[MinValueValidator(1)])
    #: The first day of the month the issue is for.
    month = models.DateField(_("mois"))
    title = models.CharField(_("titre"), max_length=200)
    introduction = models.TextField(_("éditorial"), blank=True)
    status = models.CharField(
        _("état"), max_length=16, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    publish_at = models.DateTimeField(_("publication prévue le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = NewsletterIssueQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "-number"]
        verbose_name = _("numéro de la lettre d'information")
        verbose_name_plural = _("numéros de la lettre d'information")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="newsletter_issue_unique_number"
            ),
            models.UniqueConstraint(
                fields=["programme", "month"], name="newsletter_issue_unique_month"
            ),
        ]
        indexes = [models.Index(fields=["programme", "status", "published_at"])]

    def __str__(self):
        return _("N° %(number)s — %(title)s") % {"number": self.number, "title": self.title}

    @property
    def is_published(self) -> bool:
        return self.status == IssueStatus.PUBLISHED


class Section(models.Model):
    """A part of an issue, written by one contributing organisation by a deadline."""

    issue = models.ForeignKey(
        NewsletterIssue, on_delete=models.CASCADE, related_name="sections", verbose_name=_("numéro")
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    title = models.CharField(_("titre"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="newsletter_sections",
        verbose_name=_("organisation contributrice"),
    )
    deadline = models.DateField(_("date de bouclage"))
    #: Sanitised HTML (``newsletter.richtext.clean_html``), never raw input.
    body = models.TextField(_("texte"), blank=True)
    status = models.CharField(
        _("état"), max_length=16, choices=SectionStatus.choices, default=SectionStatus.TODO
    )
    submitted_at = models.DateTimeField(_("remise le"), null=True, blank=True)
    editor_comment = models.TextField(_("commentaire de l'éditeur·rice"), blank=True)
    #: When each reminder went out: a reminder is sent once.
    reminded_before_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_after_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    #: Photos of the public media library, each shown with its credit and licence.
    images = models.ManyToManyField(
        "cms.MediaItem", blank=True, related_name="newsletter_sections", verbose_name=_("photos")
    )
    #: Links picked from lists: live « code source » sheets, held animations, public events.
    sheets = models.ManyToManyField(
        "cms.CodeSourceSheet",
        blank=True,
        related_name="newsletter_sections",
        verbose_name=_("fiches « code source »"),
    )
    animations = models.ManyToManyField(
        "coaching.Animation",
        blank=True,
        related_name="newsletter_sections",
        verbose_name=_("animations"),
    )
    events = models.ManyToManyField(
        "agenda.AgendaEntry",
        blank=True,
        related_name="newsletter_sections",
        verbose_name=_("événements de l'agenda"),
    )

    class Meta:
        ordering = ["issue", "position", "pk"]
        verbose_name = _("rubrique")
        verbose_name_plural = _("rubriques")

    def __str__(self):
        return self.title


class Subscriber(models.Model):
    """An address that asked for the newsletter (or was imported), and its consent."""

    email = models.EmailField(_("adresse électronique"), unique=True)
    status = models.CharField(
        _("état"), max_length=16, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    consent_text = models.TextField(_("texte du consentement"), blank=True)
    consented_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    consent_source = models.CharField(
        _("origine du consentement"), max_length=16, choices=ConsentSource.choices
    )
    consent_ip = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    #: Part of every signed link: changing it voids the links sent before.
    token_salt = models.CharField(max_length=32, default=new_token_salt, editable=False)
    created_at = models.DateTimeField(_("inscrit·e le"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmé·e le"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désabonné·e le"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("abonné·e")
        verbose_name_plural = _("abonné·es")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.email


class Delivery(models.Model):
    """The send log: one issue to one subscriber, claimed by one worker at a time."""

    issue = models.ForeignKey(
        NewsletterIssue,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("numéro"),
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("abonné·e")
    )
    state = models.CharField(
        _("état"), max_length=16, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.CharField(_("dernière erreur"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("prochain essai"), null=True, blank=True)
    #: The worker run that holds the row while it is ``sending``, and since when.
    claim = models.CharField(max_length=32, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("envoi")
        verbose_name_plural = _("envois")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_unique_recipient"
            )
        ]
        indexes = [models.Index(fields=["issue", "state", "next_attempt_at"])]

    def __str__(self):
        return "%s → %s" % (self.issue_id, self.subscriber_id)
