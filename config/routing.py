"""Websocket routes: the live changes of the progress pages, the study's live view, the
collaborative platform's threads and bell."""

from collab.threads_routing import websocket_urlpatterns as collab_routes
from progress.routing import websocket_urlpatterns as progress_routes
from study.routing import websocket_urlpatterns as study_routes

websocket_urlpatterns = [*progress_routes, *study_routes, *collab_routes]

__all__ = ["websocket_urlpatterns"]
