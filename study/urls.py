from django.urls import path

from .views import contacts, team, tools

app_name = "study"

urlpatterns = [
    path("", team.study_home, name="home"),
    path("<int:pk>/questionnaire/", tools.questionnaire_edit, name="questionnaire_edit"),
    path("<int:pk>/codage/", tools.coding, name="coding"),
    path("<int:pk>/categories/", tools.categories, name="categories"),
    path("<int:pk>/export.csv", tools.export, name="export"),
    path("<int:pk>/typologie/", tools.typology, name="typology"),
    path("<int:pk>/typologie.pdf", tools.typology_pdf, name="typology_pdf"),
    path("<int:pk>/evenements/nouveau/", team.event_create, name="event_create"),
    path("evenements/<int:pk>/", team.event_detail, name="event_detail"),
    path("evenements/<int:pk>/bornes/", team.kiosk_enrol, name="kiosk_enrol"),
    path("bornes/<int:pk>/revoquer/", team.kiosk_revoke, name="kiosk_revoke"),
    path("evenements/<int:pk>/direct/", team.live, name="live"),
    path("evenements/<int:pk>/direct/chiffres/", team.live_figures, name="live_figures"),
    path("evenements/<int:pk>/contacts/", contacts.contact_list, name="contact_list"),
    path("evenements/<int:pk>/contacts.csv", contacts.contact_export, name="contact_export"),
    path("contacts/<uuid:pk>/effacer/", contacts.contact_delete, name="contact_delete"),
    path("evenements/<int:pk>/en-ligne/", team.remote_count_add, name="remote_count_add"),
]
