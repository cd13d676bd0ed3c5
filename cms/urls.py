"""Open data of the public site, under /donnees/."""

from django.urls import path

from maps import views as map_views

from . import views

app_name = "public"

urlpatterns = [
    path("eric.geojson", map_views.erics_geojson, name="erics_geojson"),
    path(
        "eric/<slug:slug>/cercles-de-confiance.geojson",
        map_views.eric_trust_circles_geojson,
        name="eric_trust_circles_geojson",
    ),
    path("indicateurs.csv", views.indicators_csv, name="indicators_csv"),
]
