"""The visitor study of a programme (pilot 1, seeds/004): its questionnaire in versions,
the events where it is run (each with its spaces, its team on duty and its kiosks), the
entries visitors make, the coding of their free-text motivations, and the tallies left
once the raw entries are past their retention period (docs/adr/0016-visitor-study.md)."""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import AgeBand, Channel, Companions, Question, Residence, Satisfaction, SpaceKind
from .perms import event_filter


class Study(models.Model):
    """A programme's visitor study, led by a partner (SKEMA)."""

    programme = models.ForeignKey(
        "coaching.Programme", on_delete=models.CASCADE, related_name="studies"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    partner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="studies_led",
        verbose_name=_("partenaire qui mène l'étude"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("étude des visiteurs")
        verbose_name_plural = _("études des visiteurs")
        constraints = [
            models.UniqueConstraint(fields=["programme", "title"], name="study_unique_title")
        ]

    def __str__(self):
        return self.title


class QuestionnaireQuerySet(models.QuerySet):
    def current_for(self, study):
        return self.filter(study=study).order_by("-version").first()


class Questionnaire(models.Model):
    """One version of the study's questionnaire. Frozen by its first answer: a change
    after that makes the next version (a later wave), and answers keep theirs."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="questionnaires")
    version = models.PositiveSmallIntegerField(_("version"))
    notice = models.TextField(_("information avant consentement"))
    motivations = models.JSONField(_("motivations proposées"))
    heard_of = models.JSONField(_("comment la personne a connu le lieu"))
    activities = models.JSONField(_("activités proposées"))
    exit_question = models.BooleanField(_("question de sortie"), default=True)
    frozen_at = models.DateTimeField(_("figée le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["study", "version"]
        verbose_name = _("questionnaire")
        constraints = [
            models.UniqueConstraint(fields=["study", "version"], name="questionnaire_version")
        ]

    def __str__(self):
        return _("Questionnaire, version %(version)s") % {"version": self.version}

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def codes(self, question: str) -> set:
        lists = {"motivation": self.motivations, "activity": self.activities}
        return {code for code, _label in lists[question]}

    def labels(self, field: str) -> dict:
        return dict(getattr(self, field))


class StudyEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The events whose team pages the user may reach (``perms.can_run_event``)."""
        return self.filter(event_filter(user)).distinct()


class StudyEvent(models.Model):
    """Where and when the questionnaire is run: the ephemeral tiers-lieu at the Fête du
    Miel, then a later wave in a pilot-2 ERIC."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="events")
    eric = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="study_events",
        verbose_name=_("ERIC"),
    )
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("questionnaire"),
    )
    name = models.CharField(_("nom"), max_length=200)
    place = models.CharField(_("lieu"), max_length=255)
    start_date = models.DateField(_("premier jour"))
    end_date = models.DateField(_("dernier jour"))
    opens_at = models.TimeField(_("ouverture"))
    closes_at = models.TimeField(_("fermeture"))
    team_on_duty = models.ManyToManyField(
        "organisations.Organisation",
        related_name="study_events_on_duty",
        blank=True,
        verbose_name=_("équipe de permanence"),
    )
    preparatory_training = models.ForeignKey(
        "trainings.Training",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="study_events",
        verbose_name=_("journée préparatoire"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = StudyEventQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("événement de l'étude")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="study_event_dates_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="study_event_hours_in_order",
            ),
        ]

    def __str__(self):
        return self.name


class EventSpace(models.Model):
    event = models.ForeignKey(StudyEvent, on_delete=models.CASCADE, related_name="spaces")
    kind = models.CharField(_("type"), max_length=32, choices=SpaceKind.choices)
    name = models.CharField(_("nom"), max_length=120)

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("espace")

    def __str__(self):
        return self.name


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class KioskQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Kiosk(models.Model):
    """A tablet enrolled by a team member. Its token is shown once; only its SHA-256
    is kept."""

    event = models.ForeignKey(StudyEvent, on_delete=models.CASCADE, related_name="kiosks")
    label = models.CharField(_("nom de la borne"), max_length=80)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    enrolled_at = models.DateTimeField(_("enrôlée le"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    last_seen_at = models.DateTimeField(_("dernier envoi"), null=True, blank=True)

    objects = KioskQuerySet.as_manager()

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("borne")

    def __str__(self):
        return self.label

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class VisitorEntry(models.Model):
    """One visitor's answers. ``uuid`` is made on the device: a batch sent twice is
    stored once. No name, no e-mail, no device identifier beyond the kiosk."""

    uuid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(StudyEvent, on_delete=models.CASCADE, related_name="entries")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="entries"
    )
    kiosk = models.ForeignKey(
        Kiosk, on_delete=models.SET_NULL, null=True, blank=True, related_name="entries"
    )
    channel = models.CharField(
        _("canal"), max_length=16, choices=Channel.choices, default=Channel.ON_SITE
    )
    arrived_at = models.DateTimeField(_("arrivée"))
    received_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    consent = models.BooleanField(_("consentement"))
    age_band = models.CharField(_("tranche d'âge"), max_length=8, choices=AgeBand.choices)
    residence = models.CharField(_("lieu de résidence"), max_length=16, choices=Residence.choices)
    first_visit = models.BooleanField(_("première venue à la médiathèque"), null=True)
    heard_of = models.CharField(_("a connu le lieu"), max_length=40, blank=True)
    motivation_text = models.CharField(_("autre motivation"), max_length=300, blank=True)
    companions = models.CharField(
        _("venu·e"), max_length=16, choices=Companions.choices, blank=True
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), choices=Satisfaction.choices, null=True, blank=True
    )
    would_return = models.BooleanField(_("reviendrait"), null=True, blank=True)

    class Meta:
        ordering = ["arrived_at", "pk"]
        verbose_name = _("réponse de visiteur")
        verbose_name_plural = _("réponses de visiteurs")
        indexes = [models.Index(fields=["event", "arrived_at"], name="study_entry_event_time")]
        constraints = [
            models.CheckConstraint(condition=models.Q(consent=True), name="entry_requires_consent")
        ]

    def __str__(self):
        return str(self.uuid)


class EntryChoice(models.Model):
    """One answer to a multi-answer question (a motivation, an activity)."""

    entry = models.ForeignKey(VisitorEntry, on_delete=models.CASCADE, related_name="choices")
    question = models.CharField(max_length=16, choices=Question.choices)
    code = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "question", "code"], name="entry_choice_once")
        ]
        indexes = [models.Index(fields=["question", "code"], name="study_choice_code")]

    def __str__(self):
        return "%s: %s" % (self.question, self.code)


class RemoteCount(models.Model):
    """People following the open plateau online, as the team counted them (the stream's
    viewers at a given hour)."""

    event = models.ForeignKey(StudyEvent, on_delete=models.CASCADE, related_name="remote_counts")
    counted_at = models.DateTimeField(_("compté le"))
    where = models.CharField(_("plateforme"), max_length=80)
    count = models.PositiveIntegerField(_("nombre de personnes"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["counted_at", "pk"]
        verbose_name = _("comptage en ligne")

    def __str__(self):
        return "%s: %s" % (self.where, self.count)


class MotivationCategory(models.Model):
    """A category SKEMA codes free-text motivations into."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("catégorie"), max_length=120)
    description = models.CharField(_("définition"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("catégorie de motivation")
        constraints = [
            models.UniqueConstraint(fields=["study", "name"], name="study_category_unique")
        ]

    def __str__(self):
        return self.name


class MotivationCoding(models.Model):
    """One free-text motivation coded into one category, once, by a recorded coder."""

    entry = models.OneToOneField(VisitorEntry, on_delete=models.CASCADE, related_name="coding")
    category = models.ForeignKey(
        MotivationCategory, on_delete=models.PROTECT, related_name="codings"
    )
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    coded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.category)


class Tally(models.Model):
    """What remains of raw entries past their retention period: counts per event,
    questionnaire version, channel, dimension and answer (docs/adr/0016)."""

    event = models.ForeignKey(StudyEvent, on_delete=models.CASCADE, related_name="tallies")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    dimension = models.CharField(max_length=32)
    code = models.CharField(max_length=60)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "questionnaire", "channel", "dimension", "code"],
                name="study_tally_unique",
            )
        ]

    def __str__(self):
        return "%s=%s: %s" % (self.dimension, self.code, self.count)


class ContactRequest(models.Model):
    """A visitor who asked to be contacted about the study (« être recontacté·e »). Kept
    apart from the answers so that they stay anonymous: no link to an entry nor to a
    kiosk, an id made on the device (no sequence to line up with the entries'), only the
    day. Erased with the raw answers by the retention task, or one by one before."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(StudyEvent, on_delete=models.CASCADE, related_name="contact_requests")
    email = models.EmailField(_("adresse électronique"))
    first_name = models.CharField(_("prénom"), max_length=80, blank=True)
    consent_text = models.TextField(_("texte du consentement"))
    day = models.DateField(_("jour de la demande"))

    class Meta:
        ordering = ["day", "email"]
        verbose_name = _("demande de contact")
        verbose_name_plural = _("demandes de contact")

    def __str__(self):
        return self.email
