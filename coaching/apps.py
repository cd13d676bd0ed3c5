from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = _("Accompagnement")

    def ready(self):
        # Models are imported once the app registry is ready, as Django requires.
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.Programme,
            models.Target,
            models.Accompaniment,
            models.Milestone,
            models.HotlineSlot,
            models.HotlineCall,
            models.HotlineCallTopic,
            models.HotlineFollowUp,
            models.CoachingSession,
            models.AnimationMedia,
            models.FederatingEvent,
            models.FederatingEventParticipation,
            models.FederatingEventMedia,
            models.MaturityAssessment,
            models.MaturityScore,
        ):
            auditlog.register(model)
        auditlog.register(models.Animation, m2m_fields={"co_organisers"})
