"""The agenda's models: entries of django-scheduler's events and feed tokens
(``entries``), the public agenda page (``pages``)."""

from .entries import AgendaEntry, FeedToken, _new_token
from .pages import AgendaPage

__all__ = ["AgendaEntry", "AgendaPage", "FeedToken", "_new_token"]
