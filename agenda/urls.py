from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("evenements/nouveau/", views.entry_create, name="entry_create"),
    path("evenements/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("evenements/<int:pk>/annuler/", views.entry_cancel, name="entry_cancel"),
    path("evenements/<int:pk>/creneau/", views.occurrence_edit, name="occurrence_edit"),
    path("permanence/nouvelle/", views.hotline_slot_create, name="hotline_slot_create"),
    path("abonnement/", views.feed_settings, name="feed_settings"),
    path("public.ics", views.public_feed, name="public_feed"),
    path("flux/<str:token>.ics", views.private_feed, name="private_feed"),
    path("evenements/<uuid:uid>.ics", views.entry_ics, name="entry_ics"),
]
