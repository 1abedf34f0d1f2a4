"""Search alerts in the admin: editors see them (address, search, language, status, last
message) and can turn them off (an abuse report, an address that bounces). Nothing is edited
here: an address is the subscriber's to change (a new alert), never an editor's."""

from __future__ import annotations

from urllib.parse import unquote_plus

from django.contrib import admin, messages
from django.db.models import Q
from django.utils.html import format_html

from statements.alerts.subscriptions import deactivate
from statements.models import Alert
from statements.templatetags.urdu_text import mark_urdu


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"
    CONDITIONS = {
        "pending": Q(confirmed_at__isnull=True, unsubscribed_at__isnull=True),
        "active": Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True),
        "unsubscribed": Q(unsubscribed_at__isnull=False, ended_by=Alert.EndedBy.SUBSCRIBER),
        "deactivated": Q(unsubscribed_at__isnull=False, ended_by=Alert.EndedBy.EDITOR),
    }

    def lookups(self, request, model_admin):
        return [(key, key.capitalize()) for key in self.CONDITIONS]

    def queryset(self, request, queryset):
        condition = self.CONDITIONS.get(self.value())
        return queryset.filter(condition) if condition is not None else queryset


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "search_link",
        "language",
        "status",
        "created_at",
        "confirmed_at",
        "last_sent_at",
        "messages_sent",
    )
    list_filter = (StatusFilter, "language")
    search_fields = ("email", "search")
    date_hierarchy = "created_at"
    actions = ["deactivate_alerts"]
    readonly_fields = [f.name for f in Alert._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="search")
    def search_link(self, alert):
        shown = unquote_plus(alert.search) or "(every claim)"
        return format_html('<a href="/?{}">{}</a>', alert.search, mark_urdu(shown))

    @admin.action(description="Deactivate the selected alerts", permissions=["change"])
    def deactivate_alerts(self, request, queryset):
        n = deactivate(queryset)
        self.message_user(request, f"{n} alerts deactivated.", messages.SUCCESS)
