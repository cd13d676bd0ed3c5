from django.urls import path

from .consumers import LiveConsumer

websocket_urlpatterns = [
    path("ws/etude/<int:pk>/", LiveConsumer.as_asgi()),
]
