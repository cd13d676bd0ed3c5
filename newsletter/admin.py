from django.contrib import admin

from .models import Delivery, NewsletterIssue, Section, Subscriber


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "title", "organisation", "deadline", "status"]


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "programme", "month", "status", "published_at"]
    list_filter = ["programme", "status"]
    inlines = [SectionInline]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "consent_source", "consented_at", "confirmed_at"]
    list_filter = ["status", "consent_source"]
    search_fields = ["email"]
    readonly_fields = ["consent_text", "consented_at", "consent_ip", "consent_source"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["issue", "subscriber", "state", "attempts", "sent_at", "last_error"]
    list_filter = ["issue", "state"]
    search_fields = ["subscriber__email"]
    raw_id_fields = ["subscriber"]
