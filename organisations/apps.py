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
