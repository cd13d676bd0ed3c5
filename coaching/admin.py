from django.contrib import admin

from .models import Accompaniment, Milestone, Programme, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "funder", "start_date", "duration_months"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TargetInline]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Accompaniment)
class AccompanimentAdmin(admin.ModelAdmin):
    list_display = ["eric", "programme", "status", "start_date", "end_date"]
    list_filter = ["programme", "status"]
    filter_horizontal = ["resource_persons"]
    inlines = [MilestoneInline]
