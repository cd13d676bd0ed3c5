from django.contrib import admin

from core.versions import bump_programme_version

from . import services
from .models import (
    Accompaniment,
    Animation,
    CoachingSession,
    FederatingEvent,
    HotlineCall,
    HotlineSlot,
    Milestone,
    Programme,
    Target,
)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "funder", "start_date", "duration_months"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TargetInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # the counting rule reads the partner threshold and the period
        if change and {"animation_min_partners", "start_date", "duration_months"} & set(
            form.changed_data
        ):
            services.programme_counting_refresh(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        bump_programme_version(form.instance.pk)  # targets or dates changed


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Accompaniment)
class AccompanimentAdmin(admin.ModelAdmin):
    list_display = ["eric", "programme", "status", "start_date", "end_date"]
    list_filter = ["programme", "status"]
    filter_horizontal = ["resource_persons"]
    inlines = [MilestoneInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "programme" in form.changed_data:
            # its animations now count under the other programme's rule and tallies
            services.accompaniment_counting_refresh(obj, previous=form.initial["programme"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        bump_programme_version(form.instance.programme_id)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump_programme_version(obj.programme_id)


class ReadOnlyJournalAdmin(admin.ModelAdmin):
    """The journal is written through its pages (and their services); the admin only reads."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HotlineSlot)
class HotlineSlotAdmin(ReadOnlyJournalAdmin):
    list_display = ["held_on", "programme", "held_by"]
    list_filter = ["programme"]


@admin.register(HotlineCall)
class HotlineCallAdmin(ReadOnlyJournalAdmin):
    list_display = ["started_at", "accompaniment", "duration_minutes", "channel", "visibility"]
    list_filter = ["channel", "visibility", "accompaniment__eric"]
    list_select_related = ["accompaniment__eric", "accompaniment__programme"]


@admin.register(CoachingSession)
class CoachingSessionAdmin(ReadOnlyJournalAdmin):
    list_display = ["started_at", "accompaniment", "format", "duration_minutes", "visibility"]
    list_filter = ["format", "visibility", "accompaniment__eric"]
    list_select_related = ["accompaniment__eric", "accompaniment__programme"]


@admin.register(Animation)
class AnimationAdmin(ReadOnlyJournalAdmin):
    list_display = ["starts_at", "title", "accompaniment", "status"]
    list_filter = ["status", "format", "accompaniment__eric"]
    list_select_related = ["accompaniment__eric", "accompaniment__programme"]


@admin.register(FederatingEvent)
class FederatingEventAdmin(ReadOnlyJournalAdmin):
    list_display = ["starts_on", "name", "kind", "programme"]
    list_filter = ["kind"]
