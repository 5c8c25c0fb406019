from django.contrib import admin

from playerdesk.triage.models import Correction


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Read-only: corrections are written by agents' changes on tickets."""

    list_display = ("ticket", "field", "predicted", "corrected", "agent", "created_at")
    list_filter = ("field", "language")
    search_fields = ("ticket__reference",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
