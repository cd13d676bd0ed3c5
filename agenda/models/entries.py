"""The agenda's entries: what the programme adds to django-scheduler's events (whose they
are, who sees them, the record they follow) and the tokens of the personal iCalendar feeds."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..enums import EntryKind, Visibility, cancelled_label, moved_label
from ..perms import visibility_filter


class AgendaEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(visibility_filter(user))

    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def overlapping(self, start, end):
        """Entries with an occurrence that may fall in [start, end)."""
        one_off = Q(event__rule__isnull=True, event__start__lt=end, event__end__gt=start)
        recurring = Q(event__rule__isnull=False, event__start__lt=end) & (
            Q(event__end_recurring_period__isnull=True) | Q(event__end_recurring_period__gte=start)
        )
        # A moved occurrence may land in the window from outside it.
        moved_in = Q(event__occurrence__start__lt=end, event__occurrence__end__gt=start)
        return self.filter(one_off | recurring | moved_in).distinct()


class AgendaEntry(models.Model):
    """What the programme adds to a django-scheduler ``Event``: whose it is, who sees it."""

    event = models.OneToOneField(
        "schedule.Event",
        on_delete=models.CASCADE,
        related_name="entry",
        verbose_name=_("événement"),
    )
    programme = models.ForeignKey(
        "coaching.Programme",
        on_delete=models.CASCADE,
        related_name="agenda_entries",
        verbose_name=_("programme"),
    )
    eric = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="agenda_entries",
        verbose_name=_("ERIC"),
    )
    kind = models.CharField(_("type"), max_length=32, choices=EntryKind.choices)
    visibility = models.CharField(
        _("visibilité"), max_length=16, choices=Visibility.choices, default=Visibility.PROGRAMME
    )
    location = models.CharField(_("lieu"), max_length=255, blank=True)
    link = models.CharField(
        _("page de l'enregistrement"),
        max_length=500,
        blank=True,
        help_text=_("Chemin de la page de l'enregistrement dont vient l'événement."),
    )
    # The record this entry belongs to (an animation, a training session…), if any.
    source_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    uid = models.UUIDField(_("identifiant iCalendar"), default=uuid.uuid4, unique=True)
    cancelled = models.BooleanField(
        _("annulé"),
        default=False,
        help_text=_(
            "Un événement annulé reste dans les flux, marqué annulé, pour prévenir les abonnés."
        ),
    )

    objects = AgendaEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée d'agenda")
        verbose_name_plural = _("entrées d'agenda")
        indexes = [models.Index(fields=["programme", "visibility"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"], name="agenda_entry_one_per_record"
            )
        ]

    def __str__(self):
        return self.event.title

    @property
    def cancelled_label(self):
        """« annulée » or « annulé », agreeing with the kind of entry."""
        return cancelled_label(self.kind)

    @property
    def moved_label(self):
        return moved_label(self.kind)

    @property
    def is_recurring(self) -> bool:
        return self.event.rule_id is not None


class FeedTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """The secret in a user's private iCalendar feed address; revocable."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feed_tokens",
        verbose_name=_("utilisateur·rice"),
    )
    token = models.CharField(_("jeton"), max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("jeton de flux d'agenda")
        verbose_name_plural = _("jetons de flux d'agenda")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="feed_token_one_active_per_user",
            )
        ]

    def __str__(self):
        return "%s (%s)" % (self.user, self.created_at)
