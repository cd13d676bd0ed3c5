from django.urls import path

from .views import kiosk, remote

app_name = "kiosk"

urlpatterns = [
    path("kiosque/", kiosk.shell, name="shell"),
    path("kiosque/sw.js", kiosk.service_worker, name="service_worker"),
    path("kiosque/api/configuration/", kiosk.configuration, name="configuration"),
    path("kiosque/api/entrees/", kiosk.entries, name="entries"),
    path("participer/<int:pk>/", remote.participate, name="participate"),
]
