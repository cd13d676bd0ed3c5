"""Reports built in the background, their schedule, and the end-of-programme narrative.

A :class:`Report` is one document asked for: a kind (the committee's report as of a day,
a month's or a quarter's report compared with the previous period, the end-of-programme
report), a period, the whole programme or one ERIC, a format (PDF or DOCX). It is built
by the task worker (``progress.tasks.build_report``); the request only queues it. While
it is queued or building, its ``request_key`` is unique: the same report asked twice is
built once; once ready, it is given again to whoever asks for the same report until
the programme's data change (``data_version``). A ready report keeps its file and its
SHA-256: a later record never changes it. A *frozen* end-of-programme report is a ready one whose narrative was copied into
the row when it was frozen (``narrative``), with who froze it and when.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage, random_name
from organisations.enums import OrganisationKind


class ReportKind(models.TextChoices):
    COMMITTEE = "committee", _("rapport au comité de suivi")
    MONTH = "month", _("rapport du mois")
    QUARTER = "quarter", _("rapport du trimestre")
    PROGRAMME_END = "programme_end", _("rapport de fin de programme")


class ReportFormat(models.TextChoices):
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("DOCX (modifiable)")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("en attente")
    BUILDING = "building", _("en cours de fabrication")
    READY = "ready", _("prêt")
    FAILED = "failed", _("échec")


UNFINISHED = (ReportStatus.QUEUED, ReportStatus.BUILDING)

CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def report_upload_to(instance, filename):
    """``reports/<year>/<random>.<format>``: the download's name is :attr:`Report.filename`."""
    return random_name("reports/%s" % instance.period_end.year, filename)


class ReportQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=UNFINISHED)

    def ready(self):
        return self.filter(status=ReportStatus.READY)

    def frozen(self):
        return self.ready().filter(frozen_by__isnull=False)


class Report(models.Model):
    programme = models.ForeignKey(
        "coaching.Programme",
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("programme"),
    )
    eric = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.ERIC},
        verbose_name=_("ERIC"),
        help_text=_("Vide : tout le programme."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=ReportKind.choices)
    period_start = models.DateField(_("début de la période"))
    period_end = models.DateField(_("fin de la période (arrêté au)"))
    format = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices)
    status = models.CharField(
        _("état"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    #: kind + period + ERIC + format: unique among the reports not finished.
    request_key = models.CharField(_("clé de la demande"), max_length=120, editable=False)
    error = models.TextField(_("erreur"), blank=True)
    file = models.FileField(
        _("fichier"),
        upload_to=report_upload_to,
        blank=True,
        max_length=255,
        storage=private_storage,
    )
    checksum = models.CharField(_("empreinte SHA-256"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("demandé par"),
    )
    #: Prepared by the schedule rather than asked for by someone.
    scheduled = models.BooleanField(_("préparé par le calendrier"), default=False)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("figé par"),
    )
    frozen_at = models.DateTimeField(_("figé le"), null=True, blank=True)
    #: The programme's data version when it was asked for (``core.versions``): a ready
    #: report asked again under the same version is given again instead of rebuilt.
    data_version = models.BigIntegerField(
        _("version des données"), null=True, blank=True, editable=False
    )
    #: The narrative as it was when frozen (end-of-programme report).
    narrative = models.JSONField(_("récit figé"), default=dict, blank=True)
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request_key"],
                condition=Q(status__in=["queued", "building"]),
                name="report_built_once_at_a_time",
            )
        ]
        indexes = [models.Index(fields=["programme", "status"], name="report_programme_status")]

    def __str__(self):
        return "%s — %s (%s)" % (self.get_kind_display(), self.period_end, self.format)

    @property
    def finished(self) -> bool:
        return self.status not in UNFINISHED

    @property
    def frozen(self) -> bool:
        return self.frozen_by_id is not None

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]

    @property
    def filename(self) -> str:
        parts = ["rapport", self.kind.replace("_", "-"), self.programme.slug]
        if self.eric_id:
            parts.append(self.eric.slug)
        parts.append(self.period_end.isoformat())
        return "%s.%s" % ("-".join(parts), self.format)


def report_request_key(*, kind, programme_id, eric_id, period_start, period_end, fmt) -> str:
    return "%s:%s:%s:%s:%s:%s" % (
        kind,
        programme_id,
        eric_id or "-",
        period_start.isoformat(),
        period_end.isoformat(),
        fmt,
    )


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class ScheduleFrequency(models.TextChoices):
    MONTHLY = "monthly", _("chaque mois")
    QUARTERLY = "quarterly", _("chaque trimestre")
    NONE = "none", _("aucun")


class ReportSchedule(models.Model):
    """When a programme's periodic report is prepared on its own (monthly by default):
    the day after a period ends, ``prepare_scheduled_reports`` queues it and notifies
    the Region."""

    programme = models.OneToOneField(
        "coaching.Programme",
        on_delete=models.CASCADE,
        related_name="report_schedule",
        verbose_name=_("programme"),
    )
    frequency = models.CharField(
        _("fréquence"),
        max_length=10,
        choices=ScheduleFrequency.choices,
        default=ScheduleFrequency.MONTHLY,
    )
    format = models.CharField(
        _("format"), max_length=4, choices=ReportFormat.choices, default=ReportFormat.PDF
    )
    #: The end of the last period prepared: a restart never prepares it twice.
    last_period_end = models.DateField(_("dernière période préparée"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendrier des rapports")
        verbose_name_plural = _("calendriers des rapports")

    def __str__(self):
        return "%s — %s" % (self.programme, self.get_frequency_display())


class ProgrammeEndNarrative(models.Model):
    """The draft of the end-of-programme report's narrative, written in the platform by
    the resource persons and SKEMA; editable until (and after) a version is frozen."""

    programme = models.OneToOneField(
        "coaching.Programme",
        on_delete=models.CASCADE,
        related_name="end_narrative",
        verbose_name=_("programme"),
    )
    users = models.TextField(_("les usagers et leurs motivations"), blank=True)
    uses = models.TextField(_("les usages et l'appropriation des lieux"), blank=True)
    events = models.TextField(_("les événements qui font communauté"), blank=True)
    #: The partner that documents the programme (SKEMA in seeds/004): its members write
    #: the narrative with the resource persons.
    documentation_partner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partenaire de la documentation"),
    )
    photos = models.ManyToManyField(
        "cms.MediaItem",
        blank=True,
        related_name="+",
        verbose_name=_("photos retenues"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modifié par"),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("récit de fin de programme")
        verbose_name_plural = _("récits de fin de programme")

    def __str__(self):
        return str(self.programme)


class EricRecommendation(models.Model):
    """The recommendations on one ERIC's trajectory, in the end-of-programme report."""

    narrative = models.ForeignKey(
        ProgrammeEndNarrative,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("récit"),
    )
    eric = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("ERIC"),
    )
    text = models.TextField(_("recommandations"), blank=True)

    class Meta:
        verbose_name = _("recommandations pour un ERIC")
        verbose_name_plural = _("recommandations pour les ERIC")
        constraints = [
            models.UniqueConstraint(
                fields=["narrative", "eric"], name="one_recommendation_per_eric"
            )
        ]

    def __str__(self):
        return "%s — %s" % (self.narrative, self.eric)


def personal_data_upload_to(instance, filename):
    return random_name("personal-data", filename)


class PersonalDataExport(models.Model):
    """Everything the platform holds about one person, as a ZIP built by the task worker
    (``progress.personal_data_export``): a readable HTML summary and each kind of record
    in JSON and CSV. The person is an account (``subject``) or, for someone without one,
    an e-mail address. The file is deleted ``PERSONAL_DATA_EXPORT_RETENTION_DAYS`` after
    it was built, by a daily job of the clock."""

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("personne"),
    )
    email = models.EmailField(_("adresse électronique (sans compte)"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("demandé par"),
    )
    status = models.CharField(
        _("état"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    #: Share of the kinds of records written, 0 to 100.
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    error = models.TextField(_("erreur"), blank=True)
    file = models.FileField(
        _("fichier"),
        upload_to=personal_data_upload_to,
        blank=True,
        max_length=255,
        storage=private_storage,
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    expires_at = models.DateTimeField(_("supprimé après le"), null=True, blank=True)

    class Meta:
        verbose_name = _("export de données personnelles")
        verbose_name_plural = _("exports de données personnelles")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.filename

    @property
    def finished(self) -> bool:
        return self.status not in UNFINISHED

    @property
    def filename(self) -> str:
        return "donnees-personnelles-%d.zip" % self.pk
