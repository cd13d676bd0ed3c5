"""Websocket routes of the discussion list and the bell (collab/threads_consumers.py)."""

from django.urls import path

from .threads_consumers import NotificationConsumer, ThreadConsumer

websocket_urlpatterns = [
    path("ws/plateforme/fils/<int:pk>/", ThreadConsumer.as_asgi()),
    path("ws/plateforme/notifications/", NotificationConsumer.as_asgi()),
]
