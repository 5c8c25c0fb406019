from django.contrib import admin

from playerdesk.tickets.models import Event, Ticket


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Read-only: tickets change through the console and the API, which keep the record."""

    list_display = ("reference", "brand", "subject", "status", "priority", "category", "team")
    list_filter = ("brand", "status", "priority", "category", "team", "channel", "language")
    search_fields = ("reference", "subject")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("ticket", "type", "actor_kind", "actor_label", "created_at")
    list_filter = ("type", "actor_kind")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
