"""Open data of the public site, under /donnees/."""

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("eric.geojson", views.erics_geojson, name="erics_geojson"),
    path(
        "eric/<slug:slug>/cercles-de-confiance.geojson",
        views.eric_trust_circles_geojson,
        name="eric_trust_circles_geojson",
    ),
    path("indicateurs.csv", views.indicators_csv, name="indicators_csv"),
]
