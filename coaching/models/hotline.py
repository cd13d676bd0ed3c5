"""The weekly phone hotline: the half-days it was held, the calls it took, their follow-ups."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.french import of_name

from ..enums import CallChannel, HotlineTopic, Visibility
from ..scope import get_scope
from .records import (
    CLOCK_TOLERANCE,
    MAX_DURATION_MINUTES,
    SharedOrPrivateRecord,
    duration_validators,
    eric_records_visible_to,
)


class HotlineSlotQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Slots are the programme's, not an ERIC's: coaches and the Region see them."""
        scope = get_scope(user)
        if scope.sees_everything:
            return self
        return self.filter(
            programme_id__in=scope.region_programme_ids | scope.coached_programme_ids
        )

    def held_weeks(self) -> int:
        """Number of distinct weeks in which the hotline was held."""
        return self.annotate(week=TruncWeek("held_on")).values("week").distinct().order_by().count()


class HotlineSlot(models.Model):
    """A half-day of hotline held, with or without calls ("permanence tenue")."""

    programme = models.ForeignKey(
        "coaching.Programme",
        on_delete=models.CASCADE,
        related_name="hotline_slots",
        verbose_name=_("programme"),
    )
    held_on = models.DateField(_("tenue le"))
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tenue par"),
    )
    note = models.CharField(_("remarque"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = HotlineSlotQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("permanence téléphonique")
        verbose_name_plural = _("permanences téléphoniques")
        constraints = [
            models.UniqueConstraint(fields=["programme", "held_on"], name="hotline_slot_one_a_day")
        ]

    def __str__(self):
        return _("Permanence du %(date)s") % {"date": self.held_on.strftime("%d/%m/%Y")}


class HotlineCallQuerySet(models.QuerySet):
    def visible_to(self, user):
        return eric_records_visible_to(self, user, private_field="visibility")

    def for_eric(self, eric):
        return self.filter(accompaniment__eric=eric)


class HotlineCall(SharedOrPrivateRecord):
    """One call (or mail, visit…) received on the hotline from an ERIC."""

    accompaniment = models.ForeignKey(
        "coaching.Accompaniment",
        on_delete=models.PROTECT,
        related_name="hotline_calls",
        verbose_name=_("ERIC"),
    )
    slot = models.ForeignKey(
        HotlineSlot,
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("permanence"),
    )
    caller_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appelant·e (membre de l'équipe)"),
    )
    caller_name = models.CharField(_("appelant·e (nom)"), max_length=120, blank=True)
    caller_role = models.CharField(_("fonction de l'appelant·e"), max_length=120, blank=True)
    started_at = models.DateTimeField(_("date et heure"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), validators=duration_validators
    )
    channel = models.CharField(
        _("canal"), max_length=20, choices=CallChannel.choices, default=CallChannel.PHONE
    )
    summary = models.TextField(_("résumé"), blank=True)

    objects = HotlineCallQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("appel de permanence")
        verbose_name_plural = _("appels de permanence")
        # the hotline weeks not covered by a slot are looked for by date (indicators)
        indexes = [models.Index(fields=["started_at"], name="hotline_call_started_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=MAX_DURATION_MINUTES),
                name="hotline_call_duration_range",
            )
        ]

    def __str__(self):
        # Translators: of_eric is « du Hublot », « de la Médiathèque »… in French and the
        # bare name in other languages (core.french.of_name).
        return _("Appel %(of_eric)s le %(date)s") % {
            "of_eric": of_name(self.accompaniment.eric.name),
            "date": timezone.localtime(self.started_at).strftime("%d/%m/%Y"),
        }

    def clean(self):
        if self.started_at and self.started_at > timezone.now() + CLOCK_TOLERANCE:
            raise ValidationError(
                {"started_at": _("Un appel ne peut pas être daté dans le futur.")}
            )

    @property
    def is_shared(self) -> bool:
        return self.visibility == Visibility.SHARED

    @property
    def caller_display(self) -> str:
        if self.caller_member_id:
            member = self.caller_member
            return member.get_full_name() or member.get_username()
        if self.caller_role:
            return f"{self.caller_name} ({self.caller_role})"
        return self.caller_name

    def topic_labels(self) -> list[str]:
        """Labels of the call's topics (prefetch ``topics`` in lists)."""
        return [str(HotlineTopic(t.topic).label) for t in self.topics.all()]


class HotlineCallTopic(models.Model):
    call = models.ForeignKey(
        HotlineCall, on_delete=models.CASCADE, related_name="topics", verbose_name=_("appel")
    )
    topic = models.CharField(_("sujet"), max_length=20, choices=HotlineTopic.choices)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("sujet d'appel")
        verbose_name_plural = _("sujets d'appel")
        constraints = [
            models.UniqueConstraint(fields=["call", "topic"], name="hotline_call_topic_once")
        ]

    def __str__(self):
        return self.get_topic_display()


class HotlineFollowUp(models.Model):
    """Something to do after a call: what, who, by when, and whether it is done."""

    call = models.ForeignKey(
        HotlineCall, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("appel")
    )
    action = models.CharField(_("action"), max_length=255)
    owner = models.CharField(_("qui"), max_length=120, blank=True)
    due_date = models.DateField(_("échéance"), null=True, blank=True)
    done = models.BooleanField(_("fait"), default=False)

    class Meta:
        ordering = ["done", "due_date", "pk"]
        verbose_name = _("suite à donner")
        verbose_name_plural = _("suites à donner")

    def __str__(self):
        return self.action
