"""Admin for meetings: add one from a pasted or uploaded document (the same parser and extractor
as `manage.py ingest`; it starts as a draft), review its passages and suggested claims, publish
or unpublish it after a confirmation (from the list, or from the meeting's own page), which says
how many of its claims still need review and which provisional speakers have no English name.
Publishing needs the `statements.publish_meeting` permission and is recorded in the meeting's
history with the time and the editor.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from psycopg.errors import QueryCanceled
from simple_history.admin import SimpleHistoryAdmin

from statements import editing
from statements.admin.forms import ClaimReviewForm, DocumentForm, ScriptWidgetsMixin
from statements.ingest.parse import DocumentError
from statements.models import Claim, Meeting, Participation, Passage

PUBLISH = "statements.publish_meeting"


class ParticipationInline(admin.TabularInline):
    model = Participation
    autocomplete_fields = ("speaker",)
    extra = 0


class PassageInline(admin.TabularInline):
    model = Passage
    fields = ("position", "urdu_text", "start", "end")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="text")
    def urdu_text(self, obj):
        return format_html('<div lang="ur" dir="rtl">{}</div>', obj.text)


class ClaimInline(admin.TabularInline):
    """The suggested claims, each linking to its change page (context, split, history)."""

    model = Claim
    form = ClaimReviewForm
    fields = ("urdu_text", "speaker", "kind", "review_status", "review_note")
    readonly_fields = ("urdu_text", "speaker", "review_note")
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="claim")
    def urdu_text(self, obj):
        return format_html('<div lang="ur" dir="rtl">{}</div>', obj.text)


@admin.register(Meeting)
class MeetingAdmin(ScriptWidgetsMixin, SimpleHistoryAdmin):
    urdu_fields = ("title", "duration_text")
    either_script_fields = ("place",)
    list_display = (
        "__str__",
        "date",
        "status",
        "published_at",
        "claim_count",
        "needs_review_count",
    )
    list_filter = ("status", ("date", admin.DateFieldListFilter))
    search_fields = ("title", "title_en", "slug")
    date_hierarchy = "date"
    ordering = ("-date", "id")
    actions = ("publish", "unpublish")
    readonly_fields = ("status", "published_at", "source_link", "created_at", "updated_at")
    fields = (
        ("status", "published_at"),
        "title",
        "title_en",
        ("date", "place"),
        ("duration_minutes", "duration_text"),
        "slug",
        "source_link",
        ("created_at", "updated_at"),
    )
    inlines = [ParticipationInline, ClaimInline, PassageInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_claims=Count("claims", distinct=True),
                n_review=Count(
                    "claims",
                    filter=Q(claims__review_status=Claim.ReviewStatus.NEEDS_REVIEW),
                    distinct=True,
                ),
            )
        )

    @admin.display(description="claims", ordering="n_claims")
    def claim_count(self, obj):
        return obj.n_claims

    @admin.display(description="needs review", ordering="n_review")
    def needs_review_count(self, obj):
        if not obj.n_review:
            return 0
        url = reverse("admin:statements_claim_changelist")
        return format_html(
            '<a href="{}">{}</a>', f"{url}?meeting__id__exact={obj.pk}&queue=1", obj.n_review
        )

    @admin.display(description="source")
    def source_link(self, obj):
        source = obj.source
        report = ", ".join(
            filter(
                None,
                [
                    source.publisher_en or source.publisher or "publisher not recorded",
                    source.published_on and source.published_on.isoformat(),
                    source.url or "original URL unknown",
                ],
            )
        )
        url = reverse("admin:statements_source_change", args=[quote(source.pk)])
        return format_html(
            '<a href="{}">{}</a> — {} (v{}, sha256 {}…)',
            url,
            report,
            source.origin,
            source.version,
            source.sha256[:12],
        )

    # --- add from a document -------------------------------------------------------------
    def add_view(self, request, form_url="", extra_context=None):
        """A meeting is made from its source document, never typed in field by field."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = DocumentForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                result = editing.add_meeting_from_document(
                    data["data"],
                    origin=data["origin"],
                    date=data["date"],
                    user=request.user,
                    info=form.source_info(),
                )
            except DocumentError as exc:
                form.add_error(None, f"The document cannot be added: {exc}.")
            except OperationalError as exc:
                if not isinstance(exc.__cause__, QueryCanceled):
                    raise  # the database is unreachable: the site's 503
                # The web's statement_timeout ended it: nothing was written; say so here, with
                # the text still in the form, rather than as a server error.
                form.add_error(
                    None,
                    "The document took too long to add and nothing was saved. Try again when "
                    "the archive is less busy, or add it with `manage.py ingest`.",
                )
            else:
                url = reverse("admin:statements_meeting_change", args=[quote(result.meeting.pk)])
                if result.status == "unchanged":
                    self.message_user(
                        request,
                        "This document is already in the archive: here is its meeting.",
                        messages.WARNING,
                    )
                else:
                    self.message_user(
                        request,
                        f"Draft meeting added: {result.passages} passages, {result.claims} "
                        f"suggested claims, {result.needs_review} needing review. Check them, "
                        "then publish the meeting from the list.",
                        messages.SUCCESS,
                    )
                return HttpResponseRedirect(url)
        return TemplateResponse(
            request,
            "admin/statements/meeting/add_from_document.html",
            {
                **self.admin_site.each_context(request),
                "title": "Add a meeting from its document",
                "opts": self.model._meta,
                "form": form,
                "has_view_permission": self.has_view_permission(request),
            },
        )

    # --- publish / unpublish --------------------------------------------------------------
    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH)

    PUBLICATION_FIELDS = ("status", "published_at")

    def save_model(self, request, obj, form, change):
        """Publication changes only through the publish actions, for those who may publish:
        a save that would change it otherwise (reverting to an earlier version from the
        history page) keeps the meeting's current status and publication time."""
        if change and not self.has_publish_permission(request):
            current = Meeting.objects.filter(pk=obj.pk).values(*self.PUBLICATION_FIELDS).first()
            for name, value in (current or {}).items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish the selected meetings…", permissions=["publish"])
    def publish(self, request, queryset):
        return self._confirm_status(request, queryset, Meeting.Status.PUBLISHED)

    @admin.action(description="Unpublish the selected meetings…", permissions=["publish"])
    def unpublish(self, request, queryset):
        return self._confirm_status(request, queryset, Meeting.Status.DRAFT)

    def _confirm_status(self, request, queryset, status, back_url=None):
        """The confirmation (with what each meeting still needs), then the change."""
        verb = "publish" if status == Meeting.Status.PUBLISHED else "unpublish"
        if request.POST.get("confirmed") == "yes":
            changed = editing.set_meeting_status(queryset, status)
            for meeting in changed:
                self.log_change(request, meeting, f"{verb.capitalize()}ed.")
            self.message_user(request, f"{len(changed)} meeting(s) {verb}ed.", messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/statements/meeting/confirm_status.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Are you sure you want to {verb} these meetings?",
                "opts": self.model._meta,
                "verb": verb,
                "action": verb,
                "checks": editing.publication_checks(queryset),
                "as_action": back_url is None,
                "back_url": back_url or reverse("admin:statements_meeting_changelist"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def get_urls(self):
        def status_url(verb, status):
            view = self.admin_site.admin_view(
                lambda request, object_id: self.status_view(request, object_id, status)
            )
            return path(f"<path:object_id>/{verb}/", view, name=f"statements_meeting_{verb}")

        return [
            status_url("publish", Meeting.Status.PUBLISHED),
            status_url("unpublish", Meeting.Status.DRAFT),
            *super().get_urls(),
        ]

    def status_view(self, request, object_id, status):
        """Publish or unpublish one meeting from its own page, after the same confirmation."""
        if not self.has_publish_permission(request):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting, pk=object_id)
        change = reverse("admin:statements_meeting_change", args=[quote(meeting.pk)])
        response = self._confirm_status(
            request, Meeting.objects.filter(pk=meeting.pk), status, back_url=change
        )
        return response or HttpResponseRedirect(change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {"has_publish_permission": self.has_publish_permission(request)}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})
