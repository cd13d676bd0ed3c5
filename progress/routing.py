from django.urls import path

from .consumers import ChangesConsumer

websocket_urlpatterns = [
    path("ws/changes/", ChangesConsumer.as_asgi()),
]
