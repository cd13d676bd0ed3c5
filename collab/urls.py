from django.urls import path

from .views import documents, notifications, search, spaces, threads, wiki

app_name = "collab"

urlpatterns = [
    path("", spaces.home, name="home"),
    path("recherche/", search.search_view, name="search"),
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/compte/", notifications.notification_count, name="notification_count"),
    path(
        "notifications/reglages/",
        notifications.notification_settings,
        name="notification_settings",
    ),
    path("<slug:space>/", spaces.space_detail, name="space_detail"),
    path("<slug:space>/invitations/", spaces.invitation_create_view, name="invitation_create"),
    path(
        "<slug:space>/invitations/<int:pk>/retirer/",
        spaces.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path("<slug:space>/nouvelle-page/", wiki.wiki_create, name="wiki_create"),
    path("<slug:space>/wiki/<slug:page>/", wiki.wiki_page, name="wiki_page"),
    path("<slug:space>/wiki/<slug:page>/modifier/", wiki.wiki_edit, name="wiki_edit"),
    path("<slug:space>/wiki/<slug:page>/historique/", wiki.wiki_history, name="wiki_history"),
    path("<slug:space>/wiki/<slug:page>/comparer/", wiki.wiki_diff, name="wiki_diff"),
    path(
        "<slug:space>/wiki/<slug:page>/revisions/<int:number>/",
        wiki.wiki_revision,
        name="wiki_revision",
    ),
    path(
        "<slug:space>/wiki/<slug:page>/revisions/<int:number>/retablir/",
        wiki.wiki_restore,
        name="wiki_restore",
    ),
    path("<slug:space>/wiki/<slug:page>/proposer/", wiki.wiki_propose, name="wiki_propose"),
    # shared documents (ADR 0025)
    path("<slug:space>/documents/", documents.documents, name="documents"),
    path(
        "<slug:space>/documents/dossiers/<int:folder>/",
        documents.folder_detail,
        name="folder",
    ),
    path(
        "<slug:space>/documents/nouveau-dossier/",
        documents.folder_create_view,
        name="folder_create",
    ),
    path(
        "<slug:space>/documents/dossiers/<int:folder>/renommer/",
        documents.folder_rename_view,
        name="folder_rename",
    ),
    path(
        "<slug:space>/documents/dossiers/<int:folder>/supprimer/",
        documents.folder_delete_view,
        name="folder_delete",
    ),
    path(
        "<slug:space>/documents/deposer/",
        documents.document_create_view,
        name="document_create",
    ),
    path("<slug:space>/documents/<int:pk>/", documents.document_detail, name="document"),
    path(
        "<slug:space>/documents/<int:pk>/modifier/",
        documents.document_edit_view,
        name="document_edit",
    ),
    path(
        "<slug:space>/documents/<int:pk>/deplacer/",
        documents.document_move_view,
        name="document_move",
    ),
    path(
        "<slug:space>/documents/<int:pk>/supprimer/",
        documents.document_delete_view,
        name="document_delete",
    ),
    path(
        "<slug:space>/documents/<int:pk>/versions/",
        documents.version_create_view,
        name="document_version_create",
    ),
    path(
        "<slug:space>/documents/<int:pk>/versions/<int:number>/telecharger/",
        documents.version_download,
        name="document_download",
    ),
    path(
        "<slug:space>/documents/<int:pk>/versions/<int:number>/apercu/",
        documents.version_preview,
        name="document_preview",
    ),
    path("<slug:space>/discussions/", threads.thread_list, name="thread_list"),
    path("<slug:space>/discussions/nouvelle/", threads.thread_new, name="thread_create"),
    path("<slug:space>/discussions/<int:pk>/", threads.thread_detail, name="thread_detail"),
    path(
        "<slug:space>/discussions/<int:pk>/messages/",
        threads.thread_messages_since,
        name="thread_messages",
    ),
    path(
        "<slug:space>/pieces-jointes/<int:pk>/",
        threads.attachment_download,
        name="attachment_download",
    ),
]
