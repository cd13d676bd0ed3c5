"""Websocket routes: the live changes of the progress pages."""

from progress.routing import websocket_urlpatterns

__all__ = ["websocket_urlpatterns"]
