from django.urls import path

from .views import public

app_name = "newsletter_public"

urlpatterns = [
    path("", public.archive, name="archive"),
    path("inscription/", public.subscribe_view, name="subscribe"),
    path("inscription/merci/", public.subscribe_done, name="subscribe_done"),
    path("confirmation/<str:token>/", public.confirm_view, name="confirm"),
    path("desinscription/<str:token>/", public.unsubscribe_view, name="unsubscribe"),
    path("<slug:slug>/<int:number>/", public.issue_page, name="issue"),
    path("<slug:slug>/<int:number>/pdf/", public.issue_pdf, name="issue_pdf"),
]
