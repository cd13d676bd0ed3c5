"""The coaching journal: hotline calls and slots, coaching sessions, animations.

Every record of an ERIC hangs on its :class:`Accompaniment` (programme + ERIC), so the
permission module decides on the same three facts for all of them: programme, ERIC,
visibility. Writes go through ``coaching.services``.

The animation counting rule lives here, once: :meth:`AnimationQuerySet.counted` says it
in SQL, :meth:`Animation.missing_pieces` says it in French, and both read the same
definitions (:data:`ATTENDANCE_FIELDS`, :data:`REPORT_FIELD`, the programme's
``animation_min_partners``).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.licences import MEDIA_LICENCES, Licence, licence_choices
from core.uploads import MediaKind

from ..enums import (
    AnimationFormat,
    AnimationStage,
    AnimationStatus,
    CallChannel,
    HotlineTopic,
    SessionFormat,
    Visibility,
)

MAX_DURATION_MINUTES = 12 * 60
#: Clocks differ a little between a phone and the server.
CLOCK_TOLERANCE = datetime.timedelta(minutes=5)

duration_validators = [
    MinValueValidator(1, message=_("La durée doit être d'au moins une minute.")),
    MaxValueValidator(
        MAX_DURATION_MINUTES, message=_("La durée ne peut pas dépasser 12 heures (720 minutes).")
    ),
]


def _eric_records_visible_to(queryset, user, *, private_field=None):
    """Records hanging on an accompaniment, filtered by the user's scope."""
    from ..perms import get_scope

    scope = get_scope(user)
    if scope.sees_everything:
        return queryset
    team = Q(accompaniment__eric_id__in=scope.team_eric_ids)
    if private_field:
        team &= Q(**{private_field: Visibility.SHARED})
    return queryset.filter(
        Q(accompaniment__programme_id__in=scope.region_programme_ids)
        | Q(accompaniment_id__in=scope.coached_accompaniment_ids)
        | team
    )


# --- Hotline -------------------------------------------------------------------------


class HotlineSlotQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Slots are the programme's, not an ERIC's: coaches and the Region see them."""
        from ..perms import get_scope

        scope = get_scope(user)
        if scope.sees_everything:
            return self
        coached_programmes = {programme_id for programme_id, _ in scope.coached_pairs}
        return self.filter(programme_id__in=set(scope.region_programme_ids) | coached_programmes)

    def held_weeks(self) -> int:
        """Number of distinct weeks in which the hotline was held."""
        from django.db.models.functions import TruncWeek

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
        return _eric_records_visible_to(self, user, private_field="visibility")

    def for_eric(self, eric):
        return self.filter(accompaniment__eric=eric)


class SharedOrPrivateRecord(models.Model):
    """A journal entry shared with the ERIC's team or kept private, and who logged it."""

    visibility = models.CharField(
        _("visibilité"), max_length=10, choices=Visibility.choices, default=Visibility.SHARED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("saisi par"),
    )
    created_at = models.DateTimeField(_("saisi le"), auto_now_add=True)

    class Meta:
        abstract = True


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
        return _("Appel de %(eric)s le %(date)s") % {
            "eric": self.accompaniment.eric.name,
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


# --- Coaching sessions ---------------------------------------------------------------


class CoachingSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _eric_records_visible_to(self, user, private_field="visibility")


class CoachingSession(SharedOrPrivateRecord):
    """A coaching session with an ERIC team: on site, remote, or a team meeting."""

    accompaniment = models.ForeignKey(
        "coaching.Accompaniment",
        on_delete=models.PROTECT,
        related_name="coaching_sessions",
        verbose_name=_("ERIC"),
    )
    started_at = models.DateTimeField(_("date et heure"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), validators=duration_validators
    )
    format = models.CharField(
        _("format"), max_length=20, choices=SessionFormat.choices, default=SessionFormat.ON_SITE
    )
    participants = models.TextField(_("participants"), blank=True)
    objectives = models.TextField(_("objectifs"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    next_steps = models.TextField(_("prochaines étapes"), blank=True)
    milestone = models.ForeignKey(
        "coaching.Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coaching_sessions",
        verbose_name=_("jalon servi"),
    )

    objects = CoachingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("séance d'accompagnement")
        verbose_name_plural = _("séances d'accompagnement")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=MAX_DURATION_MINUTES),
                name="coaching_session_duration_range",
            )
        ]

    def __str__(self):
        return _("Séance avec %(eric)s le %(date)s") % {
            "eric": self.accompaniment.eric.name,
            "date": timezone.localtime(self.started_at).strftime("%d/%m/%Y"),
        }

    @property
    def is_shared(self) -> bool:
        return self.visibility == Visibility.SHARED


# --- Animations ----------------------------------------------------------------------

#: Attendance by audience type; "attendance entered" means these add up to at least one.
ATTENDANCE_FIELDS = (
    "attendance_residents",
    "attendance_young",
    "attendance_professionals",
    "attendance_officials",
    "attendance_other",
)
#: The report is written when this section is filled in.
REPORT_FIELD = "report_what_happened"


def attendance_total_expression():
    total = Value(0)
    for field in ATTENDANCE_FIELDS:
        total = total + Coalesce(F(field), Value(0))
    return total


class AnimationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Host ERIC's team, its coach, the Region, and partners who co-organised it."""
        from ..perms import get_scope

        scope = get_scope(user)
        if scope.sees_everything:
            return self
        partner = Q(pk__in=[])
        if scope.partner_organisation_ids:
            partner = Q(
                pk__in=Animation.co_organisers.through.objects.filter(
                    organisation_id__in=scope.partner_organisation_ids
                ).values("animation_id")
            )
        return self.filter(
            Q(accompaniment__programme_id__in=scope.region_programme_ids)
            | Q(accompaniment_id__in=scope.coached_accompaniment_ids)
            | Q(accompaniment__eric_id__in=scope.team_eric_ids)
            | partner
        )

    def with_counting(self):
        """Annotate what the counting rule reads: partners, attendance, report, counted."""
        partners = Count(
            "co_organisers",
            filter=~Q(co_organisers=F("accompaniment__eric_id")),
            distinct=True,
        )
        return self.annotate(
            partner_count=partners,
            attendance_total=attendance_total_expression(),
            min_partners=F("accompaniment__programme__animation_min_partners"),
        )

    def documented(self):
        """Report written and attendance entered (whatever the status)."""
        return (
            self.alias(attendance_sum=attendance_total_expression())
            .filter(attendance_sum__gte=1)
            .exclude(**{REPORT_FIELD: ""})
        )

    def undocumented(self):
        """The complement of :meth:`documented`: no report, or no attendance entered."""
        return self.alias(attendance_sum=attendance_total_expression()).filter(
            Q(**{REPORT_FIELD: ""}) | Q(attendance_sum__lt=1)
        )

    def counted_by_rule(self):
        """The counting rule: held, multi-partner and documented (computed)."""
        return (
            self.documented()
            .with_counting()
            .filter(status=AnimationStatus.HELD, partner_count__gte=F("min_partners"))
        )

    def counted(self):
        """Animations that count toward the target, read from the stored flag.

        ``counts_toward_target`` caches :meth:`counted_by_rule` so that indicators over
        hundreds of thousands of animations read an index instead of aggregating the
        co-organisers of each; the services keep it in step (:meth:`refresh_counting`).
        """
        return self.filter(counts_toward_target=True)

    def refresh_counting(self) -> int:
        """Store the counting rule's verdict on these animations; return how many changed."""
        rule = Animation.objects.counted_by_rule().values("pk")
        changed = self.filter(counts_toward_target=False, pk__in=rule).update(
            counts_toward_target=True
        )
        changed += (
            self.filter(counts_toward_target=True)
            .exclude(pk__in=rule)
            .update(counts_toward_target=False)
        )
        return changed

    def counting_drift(self):
        """Animations whose stored flag disagrees with the rule (empty when in step)."""
        rule = Animation.objects.counted_by_rule().values("pk")
        return self.filter(
            Q(counts_toward_target=True) & ~Q(pk__in=rule)
            | Q(counts_toward_target=False, pk__in=rule)
        )

    def at_stage(self, stage: str):
        """Filter on a list's « statut »: the stored status, or documented/counted."""
        if stage == AnimationStage.COUNTED:
            return self.counted()
        if stage == AnimationStage.DOCUMENTED:
            return self.documented().filter(status=AnimationStatus.HELD)
        if stage == AnimationStage.HELD:
            return self.filter(status=AnimationStatus.HELD).undocumented()
        return self.filter(status=stage)


class Animation(models.Model):
    """A monthly animation co-organised with an ERIC: planned → held → documented."""

    accompaniment = models.ForeignKey(
        "coaching.Accompaniment",
        on_delete=models.PROTECT,
        related_name="animations",
        verbose_name=_("ERIC hôte"),
    )
    title = models.CharField(_("titre"), max_length=200)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=AnimationFormat.choices,
        default=AnimationFormat.WORKSHOP,
    )
    intended_audiences = models.CharField(_("publics visés"), max_length=255, blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=AnimationStatus.choices, default=AnimationStatus.PLANNED
    )
    cancellation_reason = models.TextField(_("motif d'annulation"), blank=True)
    resource_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="co_organised_animations",
        verbose_name=_("personne ressource co-organisatrice"),
    )
    co_organisers = models.ManyToManyField(
        "organisations.Organisation",
        related_name="co_organised_animations",
        blank=True,
        verbose_name=_("organisations partenaires co-organisatrices"),
    )
    skema_present = models.BooleanField(_("SKEMA présente"), default=False)
    public_announcement = models.BooleanField(
        _("annoncée dans l'agenda public"),
        default=False,
        help_text=_(
            "Le titre, la date et le lieu paraissent dans l'agenda du site et le flux public."
        ),
    )
    # Attendance by audience type (see ATTENDANCE_FIELDS).
    attendance_residents = models.PositiveIntegerField(
        _("habitants et usagers"), null=True, blank=True
    )
    attendance_young = models.PositiveIntegerField(_("jeunes"), null=True, blank=True)
    attendance_professionals = models.PositiveIntegerField(
        _("professionnels et associations"), null=True, blank=True
    )
    attendance_officials = models.PositiveIntegerField(
        _("élus et institutions"), null=True, blank=True
    )
    attendance_other = models.PositiveIntegerField(_("autres publics"), null=True, blank=True)
    # The report (see REPORT_FIELD).
    report_what_happened = models.TextField(_("ce qui s'est passé"), blank=True)
    report_what_worked = models.TextField(_("ce qui a marché"), blank=True)
    report_what_to_change = models.TextField(_("ce qu'il faudrait changer"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("créée par"),
    )
    # The counting rule's verdict, stored (see AnimationQuerySet.counted).
    counts_toward_target = models.BooleanField(
        _("compte dans l'objectif"), default=False, editable=False
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = AnimationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("animation")
        verbose_name_plural = _("animations")
        indexes = [
            models.Index(
                fields=["accompaniment", "starts_at"],
                condition=Q(counts_toward_target=True),
                name="animation_counted_idx",
            ),
            # held and not counted: where the undocumented ones are looked for (alerts)
            models.Index(
                fields=["starts_at"],
                condition=Q(counts_toward_target=False, status="held"),
                name="animation_held_uncounted_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="animation_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at:
            if self.ends_at < self.starts_at:
                errors["ends_at"] = _("La fin de l'animation précède son début.")
            elif self.ends_at - self.starts_at > datetime.timedelta(minutes=MAX_DURATION_MINUTES):
                errors["ends_at"] = _("Une animation ne peut pas durer plus de 12 heures.")
        if (
            self.status == AnimationStatus.HELD
            and self.starts_at
            and self.starts_at > timezone.now() + CLOCK_TOLERANCE
        ):
            errors["status"] = _(
                "Une animation datée dans le futur ne peut pas être déjà tenue : "
                "corrigez la date ou laissez-la « prévue »."
            )
        if self.status == AnimationStatus.CANCELLED and not self.cancellation_reason.strip():
            errors["cancellation_reason"] = _("Indiquez pourquoi l'animation est annulée.")
        if errors:
            raise ValidationError(errors)

    # The counting rule, in French, from the same definitions as the QuerySet.

    @property
    def attendance_total_value(self) -> int:
        total = getattr(self, "attendance_total", None)
        if total is None:
            total = sum(getattr(self, field) or 0 for field in ATTENDANCE_FIELDS)
        return total

    @property
    def partner_count_value(self) -> int:
        count = getattr(self, "partner_count", None)
        if count is None:
            count = sum(
                1 for org in self.co_organisers.all() if org.pk != self.accompaniment.eric_id
            )
        return count

    @property
    def min_partners_value(self) -> int:
        value = getattr(self, "min_partners", None)
        if value is None:
            value = self.accompaniment.programme.animation_min_partners
        return value

    @property
    def report_written(self) -> bool:
        return bool(getattr(self, REPORT_FIELD).strip())

    @property
    def attendance_entered(self) -> bool:
        return self.attendance_total_value >= 1

    @property
    def is_documented(self) -> bool:
        return self.report_written and self.attendance_entered

    def missing_pieces(self) -> list[str]:
        """What the animation still lacks to count, in French; empty when it counts."""
        if self.status == AnimationStatus.CANCELLED:
            return [str(_("l'animation est annulée"))]
        pieces = []
        if self.status != AnimationStatus.HELD:
            pieces.append(str(_("que l'animation soit tenue")))
        lacking = self.min_partners_value - self.partner_count_value
        if lacking > 0:
            pieces.append(
                ngettext("un partenaire", "%(count)d partenaires", lacking) % {"count": lacking}
            )
        if not self.report_written:
            pieces.append(str(_("le compte rendu")))
        if not self.attendance_entered:
            pieces.append(str(_("la fréquentation")))
        return pieces

    @property
    def counts(self) -> bool:
        return not self.missing_pieces()

    def counting_summary(self) -> str:
        """« compte dans l'objectif » or « il manque : un partenaire, le compte rendu »."""
        if self.status == AnimationStatus.CANCELLED:
            return str(_("annulée : ne compte pas"))
        pieces = self.missing_pieces()
        if not pieces:
            return str(_("compte dans l'objectif"))
        return _("il manque : %(pieces)s") % {"pieces": ", ".join(pieces)}

    @property
    def stage(self) -> str:
        if self.status == AnimationStatus.HELD:
            if self.counts:
                return AnimationStage.COUNTED
            if self.is_documented:
                return AnimationStage.DOCUMENTED
        return AnimationStage(self.status).value

    def get_stage_display(self) -> str:
        return str(AnimationStage(self.stage).label)


def _media_path(folder: str, owner_id: int, filename: str) -> str:
    import uuid
    from pathlib import Path

    suffix = Path(filename).suffix.lower()[:10]
    return f"journal/{folder}/{owner_id}/{uuid.uuid4().hex}{suffix}"


def animation_media_path(instance, filename):
    return _media_path("animations", instance.animation_id, filename)


class JournalMedia(models.Model):
    """A photo or video under a free licence, its author and the consent of who is shown."""

    kind = models.CharField(_("type"), max_length=10, choices=MediaKind.choices)
    file = models.FileField(_("fichier"), max_length=255)
    original_name = models.CharField(_("nom du fichier d'origine"), max_length=255, blank=True)
    caption = models.CharField(_("légende"), max_length=255, blank=True)
    author = models.CharField(_("auteur·rice"), max_length=120)
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=licence_choices(MEDIA_LICENCES),
        default=Licence.CC_BY_SA_4,
    )
    people_visible = models.BooleanField(_("des personnes sont reconnaissables"), default=False)
    consent = models.BooleanField(_("les personnes montrées ont donné leur accord"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("déposé par"),
    )
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.caption or self.original_name or self.get_kind_display()


class AnimationMedia(JournalMedia):
    """A photo or video of an animation."""

    animation = models.ForeignKey(
        Animation, on_delete=models.CASCADE, related_name="media", verbose_name=_("animation")
    )
    file = models.FileField(_("fichier"), upload_to=animation_media_path, max_length=255)

    class Meta(JournalMedia.Meta):
        verbose_name = _("photo ou vidéo d'animation")
        verbose_name_plural = _("photos et vidéos d'animation")
        constraints = [
            models.CheckConstraint(
                condition=Q(people_visible=False) | Q(consent=True),
                name="animation_media_consent_when_people_visible",
            )
        ]
