from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "maps"
    verbose_name = _("Cartographie des cercles de confiance")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, perms  # noqa: F401  (perms registers the rules)

        # Who changed which entry, and when: the audit log keeps it.
        auditlog.register(models.TrustCircleEntry)
