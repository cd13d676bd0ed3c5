from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site public")

    def ready(self):
        # The signals module reads the page models: imported once the registry is ready.
        from . import signals

        signals.connect()
