from django.contrib import admin

from playerdesk.brands.models import ApiKey, Brand, ChannelSetting
from playerdesk.lib.memo import clear_all


class ChannelSettingInline(admin.StackedInline):
    model = ChannelSetting
    extra = 0


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "ticket_prefix", "primary_language", "timezone", "is_active")
    inlines = [ChannelSettingInline]

    def save_related(self, request, form, formsets, change):  # after the brand and its channels
        super().save_related(request, form, formsets, change)
        clear_all()  # this process's copies of brands and channel settings (brands/cache.py)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        clear_all()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        clear_all()


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("brand", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "created_at", "last_used_at")
    fields = ("brand", "name", "prefix", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request):  # keys are created with `playerdesk apikey create`
        return False
