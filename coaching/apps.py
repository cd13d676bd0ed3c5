from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = _("Accompagnement")

    def ready(self):
        from auditlog.registry import auditlog

        from organisations.models import Membership, Organisation

        from . import models, perms  # noqa: F401  (perms registers the rules)

        for model in (
            Organisation,
            Membership,
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
