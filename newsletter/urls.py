from django.urls import path

from .views import editor

app_name = "newsletter"

urlpatterns = [
    path("", editor.issue_list, name="issue_list"),
    path("nouveau/", editor.issue_create, name="issue_create"),
    path("<int:pk>/", editor.issue_detail, name="issue_detail"),
    path("<int:pk>/modifier/", editor.issue_update, name="issue_update"),
    path("<int:pk>/rubriques/", editor.section_add, name="section_add"),
    path("<int:pk>/publier/", editor.issue_publish, name="issue_publish"),
    path("<int:pk>/deprogrammer/", editor.issue_unschedule, name="issue_unschedule"),
    path("<int:pk>/apercu/", editor.issue_preview, name="issue_preview"),
    path("<int:pk>/apercu-courriel/", editor.issue_email_preview, name="issue_email_preview"),
    path("rubrique/<int:pk>/", editor.section_edit, name="section_edit"),
    path("rubrique/<int:pk>/plan/", editor.section_plan, name="section_plan"),
    path("rubrique/<int:pk>/commentaire/", editor.section_comment, name="section_comment"),
    path("abonnes/import/", editor.subscriber_import, name="subscriber_import"),
]
