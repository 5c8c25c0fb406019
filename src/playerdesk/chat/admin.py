from __future__ import annotations

from django.contrib import admin

from playerdesk.chat.models import CannedAnswer


@admin.register(CannedAnswer)
class CannedAnswerAdmin(admin.ModelAdmin):
    list_display = ("title", "language", "brand", "is_active")
    list_filter = ("language", "brand", "is_active")
    search_fields = ("title", "body")
