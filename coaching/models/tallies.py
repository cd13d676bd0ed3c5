"""Counted animations per accompaniment and month, kept by the services (ADR 0023).

A tally is a cache of one definition, never a second one: its cell (accompaniment,
month) holds how many of ``coaching.selectors.counted.counted_animations`` (every day of
the programme's period) fall in that Europe/Paris month. ``coaching.services.tallies``
recounts the cells a write touches, in the write's transaction, and the two sums the
dashboard reads instead of the cells (per accompaniment; per programme month);
``rebuild_tallies`` recounts everything. Empty cells have no row.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AnimationTally(models.Model):
    """How many counted animations an accompaniment held in a month."""

    programme = models.ForeignKey(
        "coaching.Programme",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("programme"),
    )
    accompaniment = models.ForeignKey(
        "coaching.Accompaniment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("accompagnement"),
    )
    #: The first day of the Europe/Paris month.
    month = models.DateField(_("mois"))
    count = models.PositiveIntegerField(_("animations comptées"))

    class Meta:
        verbose_name = _("décompte mensuel d'animations")
        verbose_name_plural = _("décomptes mensuels d'animations")
        constraints = [
            models.UniqueConstraint(
                fields=["accompaniment", "month"], name="animation_tally_cell_unique"
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="animation_tally_not_empty"),
        ]
        indexes = [
            # the dashboard reads the months from today's on of one programme
            models.Index(
                fields=["programme", "month", "accompaniment", "count"],
                name="animation_tally_read_idx",
            )
        ]

    def __str__(self):
        return "%s %s: %d" % (self.accompaniment_id, self.month.isoformat(), self.count)


class AnimationTallyByEric(models.Model):
    """The sum of an accompaniment's cells: its counted animations over the period."""

    programme = models.ForeignKey(
        "coaching.Programme",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("programme"),
    )
    accompaniment = models.OneToOneField(
        "coaching.Accompaniment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("accompagnement"),
    )
    count = models.PositiveIntegerField(_("animations comptées"))

    class Meta:
        verbose_name = _("décompte d'animations d'un ERIC")
        verbose_name_plural = _("décomptes d'animations par ERIC")
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="animation_tally_eric_not_empty")
        ]
        indexes = [
            models.Index(
                fields=["programme", "accompaniment", "count"], name="animation_tally_eric_idx"
            )
        ]

    def __str__(self):
        return "%s: %d" % (self.accompaniment_id, self.count)


class AnimationTallyByMonth(models.Model):
    """The sum of a programme's cells of one month (every ERIC: no pilot). Kept by
    adding each recounted cell's difference, so that two ERIC's writes never wait for
    each other; a month may hold 0."""

    programme = models.ForeignKey(
        "coaching.Programme",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("programme"),
    )
    month = models.DateField(_("mois"))
    count = models.IntegerField(_("animations comptées"))

    class Meta:
        verbose_name = _("décompte mensuel d'animations d'un programme")
        verbose_name_plural = _("décomptes mensuels d'animations des programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "month"], name="animation_tally_month_unique"
            )
        ]

    def __str__(self):
        return "%s %s: %d" % (self.programme_id, self.month.isoformat(), self.count)
