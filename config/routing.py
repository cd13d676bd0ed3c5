"""Websocket routes of every app."""

from coaching.routing import websocket_urlpatterns as coaching_routes

websocket_urlpatterns = [*coaching_routes]
