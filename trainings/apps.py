from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Formations")

    def ready(self):
        # Models are imported once the app registry is ready, as Django requires.
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.Training,
            models.TrainingSession,
            models.Registration,
            models.Attendance,
            models.Evaluation,
            models.Material,
            models.Invitation,
        ):
            auditlog.register(model)

        import datetime

        from core.schedule import register_periodic

        from .tasks import anonymise_expired_participants, send_due_evaluations

        register_periodic(
            "trainings.send_due_evaluations", send_due_evaluations, daily_at=datetime.time(8)
        )
        register_periodic(
            "trainings.anonymise_expired_participants",
            anonymise_expired_participants,
            daily_at=datetime.time(3),
        )
