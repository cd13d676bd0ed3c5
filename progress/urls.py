from django.urls import path

from . import personal_data_views, report_views, views

app_name = "progress"

urlpatterns = [
    path(
        "donnees-personnelles/",
        personal_data_views.personal_data_home,
        name="personal_data_home",
    ),
    path(
        "donnees-personnelles/comptes/<int:pk>/anonymiser/",
        personal_data_views.account_erasure,
        name="personal_data_account",
    ),
    path("mes-donnees/", personal_data_views.my_personal_data, name="my_personal_data"),
    path(
        "donnees-personnelles/exports/",
        personal_data_views.export_request,
        name="personal_data_export_request",
    ),
    path(
        "donnees-personnelles/exports/<int:pk>/",
        personal_data_views.export_detail,
        name="personal_data_export",
    ),
    path(
        "donnees-personnelles/exports/<int:pk>/telecharger/",
        personal_data_views.export_download,
        name="personal_data_export_download",
    ),
    path(
        "donnees-personnelles/adresse/effacer/",
        personal_data_views.email_erasure,
        name="personal_data_email",
    ),
    path("ma-semaine/", views.my_week, name="my_week"),
    path("tableau-de-bord/", views.dashboard_index, name="dashboard_index"),
    path("tableau-de-bord/<slug:slug>/", views.programme_dashboard, name="programme_dashboard"),
    path(
        "tableau-de-bord/<slug:slug>/rapport.pdf",
        views.programme_report_pdf,
        name="programme_report_pdf",
    ),
    path("accompagnements/<int:pk>/", views.accompaniment_detail, name="accompaniment_detail"),
    path("rapports/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("rapports/<int:pk>/telecharger/", report_views.report_download, name="report_download"),
    path("rapports/<int:pk>/relancer/", report_views.report_retry, name="report_retry"),
    path("rapports/<slug:slug>/", report_views.programme_reports, name="programme_reports"),
    path(
        "rapports/<slug:slug>/fin-de-programme/",
        report_views.end_narrative,
        name="end_narrative",
    ),
    path(
        "rapports/<slug:slug>/fin-de-programme/apercu/",
        report_views.end_report_preview,
        name="end_report_preview",
    ),
    path(
        "rapports/<slug:slug>/fin-de-programme/figer/",
        report_views.end_report_freeze,
        name="end_report_freeze",
    ),
]
