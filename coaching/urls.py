from django.urls import path

from . import event_views, journal_views, maturity_views, views

app_name = "coaching"

urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path(
        "accompagnements/<int:accompaniment_pk>/jalons/nouveau/",
        views.milestone_create,
        name="milestone_create",
    ),
    path("jalons/<int:pk>/modifier/", views.milestone_update, name="milestone_update"),
    # Tiers-lieu maturity grid (phase: debut, mi-parcours, fin)
    path(
        "accompagnements/<int:pk>/maturite/",
        maturity_views.maturity_overview,
        name="maturity_overview",
    ),
    path(
        "accompagnements/<int:pk>/maturite/<slug:phase>/",
        maturity_views.maturity_assessment_detail,
        name="maturity_assessment_detail",
    ),
    path(
        "accompagnements/<int:pk>/maturite/<slug:phase>/remplir/",
        maturity_views.maturity_assessment_form,
        name="maturity_assessment_form",
    ),
    path(
        "accompagnements/<int:pk>/maturite/<slug:phase>/relecture/",
        maturity_views.maturity_assessment_review,
        name="maturity_assessment_review",
    ),
    # Coaching journal
    path("journal/", journal_views.journal_home, name="journal_home"),
    path("journal/appel-rapide/", journal_views.hotline_quick_log, name="hotline_quick_log"),
    path(
        "journal/permanence-tenue/<int:programme_pk>/",
        journal_views.hotline_slot_hold,
        name="hotline_slot_hold",
    ),
    path("journal/appels/", journal_views.hotline_call_list, name="hotline_call_list"),
    path("journal/appels/<int:pk>/", journal_views.hotline_call_detail, name="hotline_call_detail"),
    path(
        "journal/appels/<int:pk>/modifier/",
        journal_views.hotline_call_update,
        name="hotline_call_update",
    ),
    path(
        "journal/appels/<int:pk>/suites/",
        journal_views.hotline_follow_up_add,
        name="hotline_follow_up_add",
    ),
    path(
        "journal/suites/<int:pk>/basculer/",
        journal_views.hotline_follow_up_toggle,
        name="hotline_follow_up_toggle",
    ),
    path("journal/seances/", journal_views.coaching_session_list, name="coaching_session_list"),
    path(
        "journal/seances/nouvelle/",
        journal_views.coaching_session_form,
        name="coaching_session_create",
    ),
    path(
        "journal/seances/<int:pk>/",
        journal_views.coaching_session_detail,
        name="coaching_session_detail",
    ),
    path(
        "journal/seances/<int:pk>/modifier/",
        journal_views.coaching_session_form,
        name="coaching_session_update",
    ),
    path("journal/animations/", journal_views.animation_list, name="animation_list"),
    path("journal/animations/nouvelle/", journal_views.animation_form, name="animation_create"),
    path("journal/animations/<int:pk>/", journal_views.animation_detail, name="animation_detail"),
    path(
        "journal/animations/<int:pk>/modifier/",
        journal_views.animation_form,
        name="animation_update",
    ),
    path(
        "journal/animations/<int:pk>/documenter/",
        journal_views.animation_document,
        name="animation_document",
    ),
    path(
        "journal/animations/<int:pk>/medias/ajouter/",
        journal_views.animation_media_add,
        name="animation_media_add",
    ),
    path(
        "journal/medias/<int:pk>/", journal_views.animation_media_file, name="animation_media_file"
    ),
    path("journal/evenements/", event_views.federating_event_list, name="federating_event_list"),
    path(
        "journal/evenements/nouveau/",
        event_views.federating_event_form,
        name="federating_event_create",
    ),
    path(
        "journal/evenements/<int:pk>/",
        event_views.federating_event_detail,
        name="federating_event_detail",
    ),
    path(
        "journal/evenements/<int:pk>/modifier/",
        event_views.federating_event_form,
        name="federating_event_update",
    ),
    path(
        "journal/evenements/<int:pk>/medias/ajouter/",
        event_views.federating_event_media_add,
        name="federating_event_media_add",
    ),
    path(
        "journal/evenements/medias/<int:pk>/",
        event_views.federating_event_media_file,
        name="federating_event_media_file",
    ),
    path(
        "journal/<str:kind>/export.<str:fmt>",
        journal_views.journal_export,
        name="journal_export",
    ),
    path(
        "journal/historique/<str:kind>/<int:pk>/",
        journal_views.record_history,
        name="record_history",
    ),
]
