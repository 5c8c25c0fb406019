from django.contrib import admin

from playerdesk.people.models import AgentProfile, Player, Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "name_fr")


@admin.register(AgentProfile)
class AgentProfileAdmin(admin.ModelAdmin):
    list_display = ("display_name", "user", "role", "presence", "capacity")
    list_filter = ("role", "brands", "teams")
    filter_horizontal = ("brands", "teams")


@admin.register(Player)
class PlayerAdmin(admin.ModelAdmin):
    list_display = ("__str__", "brand", "external_id", "email", "preferred_language")
    list_filter = ("brand", "preferred_language")
    search_fields = ("external_id", "email", "username")
