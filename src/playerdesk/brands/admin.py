from django.contrib import admin

from playerdesk.brands.models import ApiKey, Brand, ChannelSetting


class ChannelSettingInline(admin.StackedInline):
    model = ChannelSetting
    extra = 0


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "ticket_prefix", "primary_language", "timezone", "is_active")
    inlines = [ChannelSettingInline]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("brand", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "created_at", "last_used_at")
    fields = ("brand", "name", "prefix", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request):  # keys are created with `playerdesk apikey create`
        return False
