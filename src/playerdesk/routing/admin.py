from django.contrib import admin

from playerdesk.routing.models import RoutingRule


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "brand", "language", "channel", "team", "order")
    list_filter = ("category", "brand", "team")
    list_editable = ("team", "order")
