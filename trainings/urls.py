from django.urls import path

from . import views

app_name = "trainings"

urlpatterns = [
    path("", views.training_list, name="training_list"),
    path("nouvelle/", views.training_create, name="training_create"),
    path("<int:pk>/", views.training_detail, name="training_detail"),
    path("<int:pk>/modifier/", views.training_update, name="training_update"),
    path("<int:pk>/demi-journees/nouvelle/", views.session_create, name="session_create"),
    path("<int:pk>/supports/nouveau/", views.material_create, name="material_create"),
    path("<int:pk>/inscription/", views.register_self, name="register_self"),
    path("<int:pk>/inscription-externe/", views.register_external, name="register_external"),
    path("<int:pk>/invitations/", views.send_invitations, name="send_invitations"),
    path("<int:pk>/questionnaire/", views.send_evaluations, name="send_evaluations"),
    path("<int:pk>/invitation.ics", views.training_ics, name="training_ics"),
    path("<int:pk>/attestations.pdf", views.certificates_pdf, name="certificates_pdf"),
    path("<int:pk>/bilan.pdf", views.summary_pdf, name="summary_pdf"),
    path("demi-journees/<int:pk>/emargement/", views.attendance_mark, name="attendance_mark"),
    path(
        "demi-journees/<int:pk>/feuille-emargement.pdf",
        views.attendance_sheet_pdf,
        name="attendance_sheet_pdf",
    ),
    path("inscriptions/<int:pk>/annuler/", views.registration_cancel, name="registration_cancel"),
    path("inscriptions/<int:pk>/attestation.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("supports/<int:pk>/", views.material_download, name="material_download"),
    path("questionnaire/<uuid:token>/", views.evaluation, name="evaluation"),
]
