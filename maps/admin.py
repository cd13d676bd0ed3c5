from django.contrib import admin

from .models import TrustCircleEntry


@admin.register(TrustCircleEntry)
class TrustCircleEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "eric", "circle", "relation", "since", "until"]
    list_filter = ["eric", "circle", "relation"]
    search_fields = ["name", "town"]
