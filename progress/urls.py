from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("ma-semaine/", views.my_week, name="my_week"),
    path("tableau-de-bord/", views.dashboard_index, name="dashboard_index"),
    path("tableau-de-bord/<slug:slug>/", views.programme_dashboard, name="programme_dashboard"),
    path(
        "tableau-de-bord/<slug:slug>/rapport.pdf",
        views.programme_report_pdf,
        name="programme_report_pdf",
    ),
    path("accompagnements/<int:pk>/", views.accompaniment_detail, name="accompaniment_detail"),
]
