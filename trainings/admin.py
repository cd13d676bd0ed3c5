from django.contrib import admin

from .models import (
    Attendance,
    Evaluation,
    Invitation,
    Material,
    Registration,
    Training,
    TrainingSession,
)


class TrainingSessionInline(admin.TabularInline):
    model = TrainingSession
    extra = 0


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "kind", "capacity"]
    list_filter = ["programme", "kind"]
    search_fields = ["title"]
    filter_horizontal = ["trainer_organisations", "trainers"]
    inlines = [TrainingSessionInline, MaterialInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "training", "role", "status", "created_at"]
    list_filter = ["status", "role", "training"]
    search_fields = ["full_name", "email"]
    raw_id_fields = ["user", "organisation"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["registration", "session", "status", "marked_at"]
    list_filter = ["status"]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["registration", "submitted_at"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "training", "role", "optional", "sent_at"]
