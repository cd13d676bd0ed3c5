from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudyConfig(AppConfig):
    name = "study"
    verbose_name = _("Étude des visiteurs")

    def ready(self):
        # The task module imports the models: loaded once the registry is ready.
        import datetime

        from core.schedule import register_periodic

        from .tasks import apply_retention

        register_periodic("study.apply_retention", apply_retention, daily_at=datetime.time(3, 30))
