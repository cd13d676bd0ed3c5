"""Pages of the public site's back office outside Wagtail: writing a « code source »
sheet from the journal, publishing journal media."""

from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path("fiches/nouvelle/", views.sheet_new, name="sheet_new"),
    path("publication/a-publier/", views.journal_media_to_publish, name="journal_media_list"),
    path(
        "publication/animations/medias/<int:pk>/",
        views.animation_media_publish,
        name="animation_media_publish",
    ),
    path(
        "publication/animations/medias/<int:pk>/apercu/",
        views.animation_media_preview,
        name="animation_media_preview",
    ),
    path(
        "publication/evenements/medias/<int:pk>/",
        views.event_media_publish,
        name="event_media_publish",
    ),
    path(
        "publication/evenements/medias/<int:pk>/apercu/",
        views.event_media_preview,
        name="event_media_preview",
    ),
    path(
        "publication/medias/<int:pk>/retirer/",
        views.media_item_unpublish,
        name="media_item_unpublish",
    ),
]
