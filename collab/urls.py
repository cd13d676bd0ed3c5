from django.urls import path

from .views import search, spaces, wiki

app_name = "collab"

urlpatterns = [
    path("", spaces.home, name="home"),
    path("recherche/", search.search_view, name="search"),
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
]
