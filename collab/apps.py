from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollabConfig(AppConfig):
    name = "collab"
    verbose_name = _("Plateforme collaborative")

    def ready(self):
        # Models are imported once the app registry is ready, as Django requires.
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Space)
        auditlog.register(models.SpaceInvitation)
        # the text is kept whole in each WikiRevision: the log says who changed what, when
        auditlog.register(models.WikiPage, exclude_fields=["body", "search_text"])
        auditlog.register(models.Folder)
        # a document's text copies are long and derived: not worth an audit entry each
        auditlog.register(models.Document, exclude_fields=["content_text", "search_text"])

        import datetime

        from core.schedule import register_periodic

        from .tasks import sync_collaborative_spaces

        register_periodic(
            "collab.sync_collaborative_spaces",
            sync_collaborative_spaces,
            every=datetime.timedelta(minutes=15),
        )

        from .notifications_tasks import send_daily_digest

        register_periodic(
            "collab.send_daily_digest", send_daily_digest, daily_at=datetime.time(7, 30)
        )
