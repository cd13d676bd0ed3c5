"""Editing the trust circles, under /espace/cercles-de-confiance/."""

from django.urls import path

from . import views

app_name = "maps"

urlpatterns = [
    path("<slug:slug>/", views.entry_list, name="entry_list"),
    path("<slug:slug>/ajouter/", views.entry_create, name="entry_create"),
    path("entrees/<int:pk>/modifier/", views.entry_update, name="entry_update"),
]
