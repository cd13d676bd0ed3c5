from django.urls import path

from . import views

app_name = "coaching"

urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("accompagnements/<int:pk>/", views.accompaniment_detail, name="accompaniment_detail"),
    path(
        "accompagnements/<int:accompaniment_pk>/jalons/nouveau/",
        views.milestone_create,
        name="milestone_create",
    ),
    path("jalons/<int:pk>/modifier/", views.milestone_update, name="milestone_update"),
]
