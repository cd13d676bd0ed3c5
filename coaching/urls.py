from django.urls import path

from .views import (
    animations,
    events,
    history,
    home,
    hotline,
    hotline_weeks,
    journal,
    maturity,
    milestones,
    sessions,
)

app_name = "coaching"

urlpatterns = [
    path("", home.home, name="home"),
    path("programmes/<slug:slug>/", home.programme_detail, name="programme_detail"),
    path(
        "accompagnements/<int:accompaniment_pk>/jalons/nouveau/",
        milestones.milestone_create,
        name="milestone_create",
    ),
    path("jalons/<int:pk>/modifier/", milestones.milestone_update, name="milestone_update"),
    # Tiers-lieu maturity grid (phase: debut, mi-parcours, fin)
    path(
        "accompagnements/<int:pk>/maturite/",
        maturity.maturity_overview,
        name="maturity_overview",
    ),
    path(
        "accompagnements/<int:pk>/maturite/ouvrir/",
        maturity.maturity_assessment_open,
        name="maturity_assessment_open",
    ),
    path(
        "accompagnements/<int:pk>/maturite/<slug:phase>/",
        maturity.maturity_assessment_detail,
        name="maturity_assessment_detail",
    ),
    path(
        "accompagnements/<int:pk>/maturite/<slug:phase>/remplir/",
        maturity.maturity_assessment_form,
        name="maturity_assessment_form",
    ),
    path(
        "accompagnements/<int:pk>/maturite/<slug:phase>/relecture/",
        maturity.maturity_assessment_review,
        name="maturity_assessment_review",
    ),
    # Coaching journal
    path("journal/", journal.journal_home, name="journal_home"),
    path("journal/appel-rapide/", hotline.hotline_quick_log, name="hotline_quick_log"),
    path(
        "journal/permanence-tenue/<int:programme_pk>/",
        hotline.hotline_slot_hold,
        name="hotline_slot_hold",
    ),
    path("journal/appels/", journal.hotline_call_list, name="hotline_call_list"),
    path(
        "journal/permanence/semaines/",
        hotline_weeks.hotline_week_list,
        name="hotline_week_list",
    ),
    path("journal/appels/<int:pk>/", hotline.hotline_call_detail, name="hotline_call_detail"),
    path(
        "journal/appels/<int:pk>/modifier/",
        hotline.hotline_call_update,
        name="hotline_call_update",
    ),
    path(
        "journal/appels/<int:pk>/suites/",
        hotline.hotline_follow_up_add,
        name="hotline_follow_up_add",
    ),
    path(
        "journal/suites/<int:pk>/basculer/",
        hotline.hotline_follow_up_toggle,
        name="hotline_follow_up_toggle",
    ),
    path("journal/seances/", journal.coaching_session_list, name="coaching_session_list"),
    path(
        "journal/seances/nouvelle/",
        sessions.coaching_session_form,
        name="coaching_session_create",
    ),
    path(
        "journal/seances/<int:pk>/",
        sessions.coaching_session_detail,
        name="coaching_session_detail",
    ),
    path(
        "journal/seances/<int:pk>/modifier/",
        sessions.coaching_session_form,
        name="coaching_session_update",
    ),
    path("journal/animations/", journal.animation_list, name="animation_list"),
    path("journal/animations/nouvelle/", animations.animation_form, name="animation_create"),
    path("journal/animations/<int:pk>/", animations.animation_detail, name="animation_detail"),
    path(
        "journal/animations/<int:pk>/modifier/",
        animations.animation_form,
        name="animation_update",
    ),
    path(
        "journal/animations/<int:pk>/documenter/",
        animations.animation_document,
        name="animation_document",
    ),
    path(
        "journal/animations/<int:pk>/medias/ajouter/",
        animations.animation_media_add,
        name="animation_media_add",
    ),
    path("journal/medias/<int:pk>/", animations.animation_media_file, name="animation_media_file"),
    path("journal/evenements/", journal.federating_event_list, name="federating_event_list"),
    path(
        "journal/evenements/nouveau/",
        events.federating_event_form,
        name="federating_event_create",
    ),
    path(
        "journal/evenements/<int:pk>/",
        events.federating_event_detail,
        name="federating_event_detail",
    ),
    path(
        "journal/evenements/<int:pk>/modifier/",
        events.federating_event_form,
        name="federating_event_update",
    ),
    path(
        "journal/evenements/<int:pk>/medias/ajouter/",
        events.federating_event_media_add,
        name="federating_event_media_add",
    ),
    path(
        "journal/evenements/medias/<int:pk>/",
        events.federating_event_media_file,
        name="federating_event_media_file",
    ),
    path(
        "journal/<str:kind>/export.<str:fmt>",
        journal.journal_export,
        name="journal_export",
    ),
    path(
        "journal/historique/<str:kind>/<int:pk>/",
        history.record_history,
        name="record_history",
    ),
]
