from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Lettre d'information")

    def ready(self):
        # Models are imported once the app registry is ready, as Django requires.
        from auditlog.registry import auditlog

        from . import models

        for model in (models.NewsletterIssue, models.Section, models.Subscriber):
            auditlog.register(model)

        import datetime

        from core.schedule import register_periodic

        from .tasks import newsletter_tick

        register_periodic(
            "newsletter.newsletter_tick", newsletter_tick, every=datetime.timedelta(minutes=15)
        )
