"""Read-only views of identity verification for administrators: no document content here
(documents open only for officers, in the console, logged)."""

from django.contrib import admin

from playerdesk.kyc.models import (
    CaseEvent,
    DocumentAccess,
    StepUp,
    VerificationCase,
    WebhookDelivery,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VerificationCase)
class VerificationCaseAdmin(ReadOnly):
    list_display = (
        "reference",
        "brand",
        "player",
        "trigger",
        "status",
        "submitted_at",
        "review_due_at",
        "decided_at",
    )
    list_filter = ("status", "trigger", "brand")
    search_fields = ("reference", "player__external_id", "player__email")
    exclude = ("identification",)


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnly):
    list_display = ("case", "type", "actor_label", "created_at")
    list_filter = ("type",)
    search_fields = ("case__reference",)


@admin.register(DocumentAccess)
class DocumentAccessAdmin(ReadOnly):
    list_display = ("created_at", "actor_label", "action", "allowed", "document", "ip")
    list_filter = ("allowed", "action")
    search_fields = ("actor_label", "document__case__reference")


@admin.register(StepUp)
class StepUpAdmin(ReadOnly):
    list_display = ("ticket", "method", "agent", "created_at")
    list_filter = ("method",)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnly):
    list_display = (
        "event",
        "brand",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
    )
    list_filter = ("status", "event", "brand")
