"""Programme settings of the reports (Django's admin): the schedule's frequency and
format, the end-of-programme narrative's documentation partner. Reports themselves are
read here only: they are asked for and built through the platform."""

from django.contrib import admin

from .models import ProgrammeEndNarrative, Report, ReportSchedule


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    list_display = ["programme", "frequency", "format", "last_period_end"]
    list_filter = ["frequency"]


@admin.register(ProgrammeEndNarrative)
class ProgrammeEndNarrativeAdmin(admin.ModelAdmin):
    list_display = ["programme", "documentation_partner", "updated_at", "updated_by"]
    fields = ["programme", "documentation_partner"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "programme", "eric", "status", "created_at", "finished_at"]
    list_filter = ["status", "kind", "format"]
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
