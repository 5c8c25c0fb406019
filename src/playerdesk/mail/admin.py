"""Received emails, read-only: what became of each, and the original to download."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from playerdesk.mail.models import InboundEmail


@admin.register(InboundEmail)
class InboundEmailAdmin(admin.ModelAdmin):
    list_display = ("received_at", "brand", "sender", "subject", "status", "ticket", "reason")
    list_filter = ("status", "brand")
    search_fields = ("sender", "subject", "header_message_id", "ticket__reference")
    exclude = ("raw",)
    readonly_fields = ("original_link",)

    @admin.display(description=_("original"))
    def original_link(self, obj: InboundEmail) -> str:
        url = reverse("admin:mail_inboundemail_original", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the original (.eml)"))

    def get_urls(self):  # type: ignore[no-untyped-def]
        extra = [
            path(
                "<int:pk>/original/",
                self.admin_site.admin_view(self.original),
                name="mail_inboundemail_original",
            )
        ]
        return extra + super().get_urls()

    def original(self, request: HttpRequest, pk: int) -> HttpResponse:
        row = InboundEmail.objects.get(pk=pk)
        response = HttpResponse(row.original(), content_type="message/rfc822")
        response["Content-Disposition"] = f'attachment; filename="email-{row.pk}.eml"'
        return response

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.method in ("GET", "HEAD")

    def has_delete_permission(self, request, obj=None):
        return False
