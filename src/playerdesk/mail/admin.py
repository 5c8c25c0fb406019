"""Received emails, read-only: what became of each, and the original to download; sent emails,
read-only; the brands' IMAP mailboxes, editable (their passwords stay in the environment)."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from playerdesk.mail.models import InboundEmail, Mailbox, OutboundEmail


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


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    list_display = ("address", "brand", "host", "folder", "enabled", "last_polled_at", "last_error")
    list_filter = ("brand", "enabled")
    readonly_fields = ("last_polled_at", "last_error")


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ("created_at", "brand", "to", "subject", "kind", "status", "attempts", "ticket")
    list_filter = ("status", "kind", "brand")
    search_fields = ("to", "subject", "header_message_id", "ticket__reference")
    raw_id_fields = ("ticket", "message")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.method in ("GET", "HEAD")

    def has_delete_permission(self, request, obj=None):
        return False
