from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path("nouvelle/", views.sheet_new, name="sheet_new"),
]
