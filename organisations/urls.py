from django.urls import path

from . import two_factor

app_name = "organisations"

urlpatterns = [
    path("double-authentification/", two_factor.setup, name="two_factor_setup"),
    path("double-authentification/code/", two_factor.verify, name="two_factor_verify"),
]
