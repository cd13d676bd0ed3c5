from django.urls import path

from .views import attendance, evaluation, registrations, trainings

app_name = "trainings"

urlpatterns = [
    path("", trainings.training_list, name="training_list"),
    path("nouvelle/", trainings.training_create, name="training_create"),
    path("<int:pk>/", trainings.training_detail, name="training_detail"),
    path("<int:pk>/modifier/", trainings.training_update, name="training_update"),
    path("<int:pk>/demi-journees/nouvelle/", trainings.session_create, name="session_create"),
    path("<int:pk>/supports/nouveau/", trainings.material_create, name="material_create"),
    path("<int:pk>/inscription/", registrations.register_self, name="register_self"),
    path(
        "<int:pk>/inscription-externe/", registrations.register_external, name="register_external"
    ),
    path("<int:pk>/invitations/", trainings.send_invitations, name="send_invitations"),
    path("<int:pk>/questionnaire/", trainings.send_evaluations, name="send_evaluations"),
    path("<int:pk>/invitation.ics", trainings.training_ics, name="training_ics"),
    path("<int:pk>/attestations.pdf", attendance.certificates_pdf, name="certificates_pdf"),
    path("<int:pk>/bilan.pdf", attendance.summary_pdf, name="summary_pdf"),
    path("demi-journees/<int:pk>/emargement/", attendance.attendance_mark, name="attendance_mark"),
    path(
        "demi-journees/<int:pk>/feuille-emargement.pdf",
        attendance.attendance_sheet_pdf,
        name="attendance_sheet_pdf",
    ),
    path(
        "inscriptions/<int:pk>/annuler/",
        registrations.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "inscriptions/<int:pk>/attestation.pdf", attendance.certificate_pdf, name="certificate_pdf"
    ),
    path("supports/<int:pk>/", trainings.material_download, name="material_download"),
    path("questionnaire/<uuid:token>/", evaluation.evaluation, name="evaluation"),
]
