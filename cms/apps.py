from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site public")

    def ready(self):
        # These modules read the page models: imported once the registry is ready.
        from core.home import register_home_section

        from . import signals
        from .home import sheets_to_review_section

        signals.connect()
        register_home_section(sheets_to_review_section)
