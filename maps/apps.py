from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "maps"
    verbose_name = _("Cartographie des cercles de confiance")

    def ready(self):
        # Models are imported once the app registry is ready, as Django requires.
        from auditlog.registry import auditlog

        from . import models

        # Who changed which entry, and when: the audit log keeps it.
        auditlog.register(models.TrustCircleEntry)
