"""Trainings of a programme: half-day sessions, registrations, attendance, evaluations."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.licences import MATERIAL_LICENCES, Licence, licence_choices
from core.storage import private_storage, random_name

from .enums import (
    AttendanceStatus,
    ParticipantRole,
    RegistrationStatus,
    SessionSlot,
    TrainingKind,
)
from .perms import training_reach


class TrainingQuerySet(models.QuerySet):
    def visible_to(self, user):
        reach = training_reach(user)
        if not reach.is_authenticated:
            return self.none()
        if reach.sees_all_trainings:
            return self
        return self.filter(
            Q(programme_id__in=reach.readable_programme_ids)
            | Q(trainer_organisations__in=reach.partner_organisation_ids)
            | Q(Exists(Registration.objects.filter(training=OuterRef("pk"), user=user)))
        ).distinct()

    def for_programme(self, programme):
        return self.filter(programme=programme)

    def held(self, now: datetime.datetime | None = None):
        """Trainings whose first half-day has begun."""
        now = now or timezone.now()
        return self.filter(
            Exists(TrainingSession.objects.filter(training=OuterRef("pk"), starts_at__lte=now))
        )

    def with_attendance(self):
        """Trainings with attendance marked for at least one half-day."""
        return self.filter(Exists(Attendance.objects.filter(session__training=OuterRef("pk"))))

    def counted(self, now: datetime.datetime | None = None):
        """What counts toward the programme's training target: held, attendance recorded.

        The one definition of the rule: the training page, the summary and
        ``selectors.trainings_counted`` all go through it.
        """
        return self.held(now).with_attendance()


class Training(models.Model):
    """A training of a programme, made of half-day sessions."""

    programme = models.ForeignKey(
        "coaching.Programme",
        on_delete=models.CASCADE,
        related_name="trainings",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("intitulé"), max_length=200)
    kind = models.CharField(_("type"), max_length=32, choices=TrainingKind.choices)
    quarter = models.PositiveSmallIntegerField(
        _("trimestre du programme"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
        help_text=_("Pour une formation trimestrielle : 1 pour le premier trimestre, etc."),
    )
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    remote_url = models.URLField(_("lien de visioconférence"), blank=True)
    trainer_organisations = models.ManyToManyField(
        "organisations.Organisation",
        related_name="trainings_given",
        blank=True,
        verbose_name=_("organisations formatrices"),
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="trainings_given",
        blank=True,
        verbose_name=_("formateurs et formatrices"),
    )
    objectives = models.TextField(_("objectifs"), blank=True)
    agenda = models.TextField(_("programme de la formation"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("nombre de places"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    public_registration = models.BooleanField(
        _("inscription ouverte au public"),
        default=False,
        help_text=_(
            "Les personnes extérieures (habitants, agents de la ville, associations) "
            "peuvent s'inscrire avec leur nom, leur e-mail et leur organisation."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créée par"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    evaluation_requested_at = models.DateTimeField(
        _("questionnaire envoyé le"), null=True, blank=True
    )

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "pk"]
        verbose_name = _("formation")
        verbose_name_plural = _("formations")
        constraints = [
            models.UniqueConstraint(fields=["programme", "title"], name="training_unique_title"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.place and not self.remote_url:
            raise ValidationError({"place": _("Indiquez un lieu ou un lien de visioconférence.")})


class TrainingSessionQuerySet(models.QuerySet):
    def started(self, now: datetime.datetime | None = None):
        return self.filter(starts_at__lte=now or timezone.now())


class TrainingSession(models.Model):
    """One half-day of a training: its attendance is marked on its own sheet."""

    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("formation")
    )
    slot = models.CharField(_("demi-journée"), max_length=16, choices=SessionSlot.choices)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    activity = models.CharField(
        _("contenu"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : formation le matin, jeu l'après-midi."),
    )

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("demi-journée")
        verbose_name_plural = _("demi-journées")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="training_session_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["training", "starts_at"], name="training_session_unique_start"
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return "%(date)s, %(slot)s" % {
            "date": local.strftime("%d/%m/%Y"),
            "slot": self.get_slot_display(),
        }

    @property
    def duration(self) -> datetime.timedelta:
        return self.ends_at - self.starts_at

    def has_started(self, now: datetime.datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def clean(self):
        if self.starts_at and self.ends_at:
            if self.ends_at <= self.starts_at:
                raise ValidationError({"ends_at": _("La fin doit suivre le début.")})
            if timezone.localtime(self.starts_at).date() != timezone.localtime(self.ends_at).date():
                raise ValidationError(
                    {"ends_at": _("Une demi-journée commence et finit le même jour.")}
                )


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    """A person registered to a training: a platform user or an external participant."""

    training = models.ForeignKey(
        Training,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("formation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_registrations",
        verbose_name=_("compte"),
    )
    full_name = models.CharField(_("nom et prénom"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_registrations",
        verbose_name=_("organisation du programme"),
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(
        _("rôle"), max_length=32, choices=ParticipantRole.choices, default=ParticipantRole.EXTERNAL
    )
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    consented_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    token = models.UUIDField(_("jeton"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("inscrit·e le"), default=timezone.now)
    promoted_at = models.DateTimeField(_("sorti·e de la liste d'attente le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["training", "full_name", "pk"]
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "training",
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_email",
            ),
        ]

    def __str__(self):
        return "%(name)s — %(training)s" % {"name": self.full_name, "training": self.training}

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name


class Attendance(models.Model):
    """Whether a registered person attended one half-day."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("inscription"),
    )
    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("demi-journée"),
    )
    status = models.CharField(_("présence"), max_length=16, choices=AttendanceStatus.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("saisie par"),
    )
    marked_at = models.DateTimeField(_("saisie le"), default=timezone.now)

    class Meta:
        ordering = ["session", "registration"]
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="attendance_one_per_session"
            ),
        ]

    def __str__(self):
        return "%(who)s — %(session)s : %(status)s" % {
            "who": self.registration.full_name,
            "session": self.session,
            "status": self.get_status_display(),
        }


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(models.Model):
    """One participant's answers to the questionnaire sent after the training."""

    CRITERIA = ("content_score", "facilitation_score", "usefulness_score", "organisation_score")

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("inscription"),
    )
    content_score = models.PositiveSmallIntegerField(
        _("contenu de la formation"), validators=SCORE_VALIDATORS
    )
    facilitation_score = models.PositiveSmallIntegerField(
        _("animation et pédagogie"), validators=SCORE_VALIDATORS
    )
    usefulness_score = models.PositiveSmallIntegerField(
        _("utilité pour votre pratique"), validators=SCORE_VALIDATORS
    )
    organisation_score = models.PositiveSmallIntegerField(
        _("organisation et accueil"), validators=SCORE_VALIDATORS
    )
    comment = models.TextField(_("commentaire libre"), blank=True)
    submitted_at = models.DateTimeField(_("envoyée le"), default=timezone.now)

    class Meta:
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")
        constraints = [
            models.CheckConstraint(
                condition=Q(content_score__gte=1, content_score__lte=5)
                & Q(facilitation_score__gte=1, facilitation_score__lte=5)
                & Q(usefulness_score__gte=1, usefulness_score__lte=5)
                & Q(organisation_score__gte=1, organisation_score__lte=5),
                name="evaluation_scores_1_to_5",
            ),
        ]

    def __str__(self):
        return str(self.registration)


def material_upload_to(instance, filename):
    """``trainings/<training>/<random>.<ext>``: the original name stays on the row only."""
    return random_name("trainings/%s" % instance.training_id, filename)


class Material(models.Model):
    """A document shared with a training's participants, under its licence."""

    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="materials", verbose_name=_("formation")
    )
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(
        _("fichier"),
        upload_to=material_upload_to,
        blank=True,
        max_length=255,
        storage=private_storage,
    )
    original_name = models.CharField(_("nom du fichier d'origine"), max_length=255, blank=True)
    url = models.URLField(_("lien"), blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=32,
        choices=licence_choices(MATERIAL_LICENCES),
        default=Licence.CC_BY_SA_4,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ajouté par"),
    )
    added_at = models.DateTimeField(_("ajouté le"), default=timezone.now)

    class Meta:
        ordering = ["training", "title"]
        verbose_name = _("support")
        verbose_name_plural = _("supports")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError(_("Joignez un fichier ou indiquez un lien."))


class Invitation(models.Model):
    """A person invited to a training because of their role in the programme."""

    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("formation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_invitations",
        verbose_name=_("invité·e"),
    )
    role = models.CharField(_("rôle"), max_length=32, choices=ParticipantRole.choices)
    optional = models.BooleanField(
        _("selon ses disponibilités"),
        default=False,
        help_text=_("La présence de cette personne est souhaitée mais pas attendue."),
    )
    sent_at = models.DateTimeField(_("envoyée le"), default=timezone.now)

    class Meta:
        ordering = ["training", "role", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["training", "user"], name="invitation_one_per_user"),
        ]

    def __str__(self):
        return "%(user)s — %(training)s" % {"user": self.user, "training": self.training}
