from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, perms  # noqa: F401  (perms registers the rules)

        auditlog.register(models.AgendaEntry)
