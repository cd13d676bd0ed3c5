from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Avancement")

    def ready(self):
        # The home section reads the models: imported once the registry is ready.
        from core.home import register_home_section

        from .home import reports_section

        register_home_section(reports_section)

        import datetime

        from core.schedule import register_periodic

        from .personal_data_export import purge_expired_personal_data_exports
        from .tasks import prepare_scheduled_reports

        register_periodic(
            "progress.prepare_scheduled_reports",
            prepare_scheduled_reports,
            daily_at=datetime.time(6),
        )
        register_periodic(
            "progress.purge_expired_personal_data_exports",
            purge_expired_personal_data_exports,
            daily_at=datetime.time(4),
        )
