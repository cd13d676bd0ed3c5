"""Wagtail publishes pages through its own views, workflows and scheduled publishing; its
``page_published`` / ``page_unpublished`` signals are the one place that sees them all.

A sheet's publication changes the "one sheet a month" indicator of its ERIC's programmes:
the cached indicators of those programmes are made stale (nothing else happens here).
"""

from wagtail.signals import page_published, page_unpublished

from coaching.models import Accompaniment
from core.versions import bump_programme_version

from .models.knowledge import CodeSourceSheet


def _sheet_changed(sender, instance, **kwargs):
    if not instance.author_eric_id:
        return
    for programme_id in Accompaniment.objects.filter(eric_id=instance.author_eric_id).values_list(
        "programme_id", flat=True
    ):
        bump_programme_version(programme_id)


def connect():
    page_published.connect(_sheet_changed, sender=CodeSourceSheet, dispatch_uid="sheet-published")
    page_unpublished.connect(
        _sheet_changed, sender=CodeSourceSheet, dispatch_uid="sheet-unpublished"
    )
