from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisations et rôles")

    def ready(self):
        # Models are imported once the app registry is ready, as Django requires.
        from auditlog.registry import auditlog

        from . import models, two_factor  # noqa: F401 (two_factor: its login receiver)

        auditlog.register(models.Organisation)
        auditlog.register(models.Membership)

        import datetime

        from core.schedule import register_periodic

        from .tasks import purge_expired_login_records, purge_expired_sessions

        register_periodic(
            "organisations.purge_expired_login_records",
            purge_expired_login_records,
            daily_at=datetime.time(3, 30),
        )
        register_periodic(
            "organisations.purge_expired_sessions",
            purge_expired_sessions,
            daily_at=datetime.time(3, 45),
        )
