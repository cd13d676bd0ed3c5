from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Formations")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, perms  # noqa: F401  (perms registers the rules)

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
