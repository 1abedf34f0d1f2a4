"""Deleted rows, from their history: every model admin with history gets a "Deleted …" page
listing deletions (who, when) with a link to the last state, whose form restores the row.

django-simple-history writes a "-" record with the row's last state on every delete, so a row
can be restored even if nobody had edited it before.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path


class DeletedRecordsMixin:
    """For a SimpleHistoryAdmin: adds <changelist>/deleted/ (name: <app>_<model>_deleted)."""

    deleted_limit = 200

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name=f"{opts.app_label}_{opts.model_name}_deleted",
            ),
            *super().get_urls(),
        ]

    def deleted_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        records = (
            self.model.history.filter(history_type="-")
            .exclude(**{f"{opts.pk.attname}__in": self.model.objects.values("pk")})
            .select_related("history_user")
            .order_by("-history_date")[: self.deleted_limit]
        )
        return TemplateResponse(
            request,
            "admin/deleted_records.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Deleted {opts.verbose_name_plural}",
                "opts": opts,
                "deleted": records,
                "history_url_name": f"admin:{opts.app_label}_{opts.model_name}_simple_history",
            },
        )
