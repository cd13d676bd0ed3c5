import re

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from core.forms import LoginForm
from core.storage import serve_public_media
from opendata.api import api

from .health import healthz, healthz_live

handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/live", healthz_live, name="healthz_live"),
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    # The language switch takes no CSRF token: it is in every public page, which the
    # cache serves to every visitor alike; a forged post can only change the language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("compte/", include("organisations.urls")),
    path("espace/formations/", include("trainings.urls")),
    path("espace/lettre/", include("newsletter.urls")),
    path("espace/etude/", include("study.urls")),
    path("espace/plateforme/", include("collab.urls")),
    path("espace/", include("cms.urls")),
    path("espace/", include("progress.urls")),
    path("espace/", include("coaching.urls")),
    path("agenda/", include("agenda.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Public site: crawler files, open data, the JSON API, trust-circle editing.
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("plan-du-site/", cms_views.site_map, name="site_map"),
    path("recherche/", cms_views.site_search_view, name="site_search"),
    path("donnees/", include("opendata.urls")),
    path("api/", api.urls),
    path("espace/cercles-de-confiance/", include("maps.urls")),
    path("lettre/", include("newsletter.public_urls")),
    # The visitor study's kiosk (token auth) and « je participe en ligne » form.
    path("", include("study.kiosk_urls")),
]

if settings.DEBUG and settings.MEDIA_STORAGE == "local":
    # The public media location as the proxy serves it (platform/Caddyfile), with the
    # same headers. Private files are never under MEDIA_ROOT: their views send them.
    urlpatterns += [
        re_path(
            r"^%s(?P<path>.*)$" % re.escape(settings.MEDIA_URL.lstrip("/")),
            serve_public_media,
        )
    ]

# Wagtail serves the public site: keep it last.
urlpatterns += [path("", include(wagtail_urls))]
