"""Admin for claims: the list (searched with the researchers' search, over every claim), the
review queue, the claim in its source context, and the editor's actions (accept, reject, mark
for review, reattribute, split), which call the services of statements/editing.py.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from statements import editing
from statements.admin.forms import ClaimForm, ReattributeForm, SplitClaimForm
from statements.admin.history import DeletedRecordsMixin
from statements.models import Claim, Passage
from statements.search import SearchRequest, search

CONTEXT_CHARS = 300  # source text shown on each side of a claim
Status = Claim.ReviewStatus


def claim_in_context(claim: Claim, around: int = CONTEXT_CHARS) -> str:
    """The source text around the claim, escaped, with the claim's own span in <mark>."""
    text = claim.meeting.source.text
    lo, hi = max(0, claim.start - around), min(len(text), claim.end + around)
    return format_html(
        '<div lang="ur" dir="rtl" class="claim-context">{}{}<mark>{}</mark>{}{}</div>',
        "…" if lo else "",
        text[lo : claim.start],
        text[claim.start : claim.end],
        text[claim.end : hi],
        "…" if hi < len(text) else "",
    )


class ReviewQueueFilter(admin.SimpleListFilter):
    title = "review queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("1", "Needs review (the queue)")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(review_status=Status.NEEDS_REVIEW)
        return queryset


@admin.register(Claim)
class ClaimAdmin(DeletedRecordsMixin, SimpleHistoryAdmin):
    form = ClaimForm
    list_display = (
        "short_text",
        "speaker",
        "meeting_link",
        "kind",
        "review_status",
        "attribution",
        "topic_count",
    )
    list_filter = (
        ReviewQueueFilter,
        "review_status",
        "kind",
        ("meeting__date", admin.DateFieldListFilter),
        "meeting",
        "speaker",
    )
    list_select_related = ("speaker", "meeting")
    search_fields = ("text",)  # replaced by the researchers' search in get_search_results
    search_help_text = (
        "The public search over every claim (drafts and rejected too): word forms, names in "
        "any script, near spellings; quoted phrases, or, -word."
    )
    autocomplete_fields = ("speaker", "topics", "meeting")
    actions = ("accept", "reject", "mark_needs_review", "reattribute")
    list_per_page = 50
    ordering = ("-meeting__date", "meeting_id", "start")
    readonly_fields = ("in_context", "meeting", "passage", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("in_context", "speaker", "kind", "review_status", "review_note")}),
        (
            "Span in the source (text is always source.text[start:end])",
            {"fields": ("text", ("start", "end"), "recompute_text", "meeting", "passage")},
        ),
        (
            "Attribution and notes",
            {
                "fields": (
                    "reporting_phrase",
                    "attribution",
                    "topics",
                    "translation_en",
                    "editor_note",
                    ("created_at", "updated_at"),
                )
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_topics=Count("topics", distinct=True))

    def get_readonly_fields(self, request, obj=None):
        if obj is None:  # a claim added by hand: its meeting is chosen, its paragraph found
            return ("in_context", "passage", "created_at", "updated_at")
        return self.readonly_fields

    def get_changeform_initial_data(self, request):
        return {"attribution": "editor", **super().get_changeform_initial_data(request)}

    def _is_queue(self, request) -> bool:
        return request.GET.get("queue") == "1" or request.GET.get("review_status__exact") == (
            Status.NEEDS_REVIEW
        )

    def get_list_display(self, request):
        # The queue leads with the claim marked in its paragraph (which opens the claim): the
        # editor reads the span where the reporter wrote it, then who and why.
        if self._is_queue(request):
            return ("in_paragraph", "speaker", "review_note", "meeting_link")
        return self.list_display

    def get_list_display_links(self, request, list_display):
        return (
            ("in_paragraph",)
            if self._is_queue(request)
            else super().get_list_display_links(request, list_display)
        )

    def get_search_results(self, request, queryset, search_term):
        """The researchers' search (statements.search), starting from every claim the list
        shows instead of the public ones; the list keeps its own order."""
        if not search_term.strip():
            return queryset, False
        found = search(
            SearchRequest.from_params({"q": search_term}),
            claims=queryset,
            passages=Passage.objects.none(),
            facets="none",
        )
        return queryset.filter(pk__in=found.claims.order_by().values("pk")), False

    # --- columns ------------------------------------------------------------------------
    @admin.display(description="claim")
    def short_text(self, obj):
        words = obj.text.split()
        return format_html(
            '<span lang="ur" dir="rtl">{}</span>',
            " ".join(words[:14]) + (" …" if len(words) > 14 else ""),
        )

    @admin.display(description="meeting", ordering="meeting__date")
    def meeting_link(self, obj):
        url = reverse("admin:statements_meeting_change", args=[obj.meeting_id])
        return format_html('<a href="{}">{}</a>', url, obj.meeting)

    @admin.display(description="topics", ordering="n_topics")
    def topic_count(self, obj):
        return obj.n_topics

    @admin.display(description="the claim in its paragraph")
    def in_paragraph(self, obj):
        p = obj.passage
        return format_html(
            '<div lang="ur" dir="rtl" class="claim-context">{}<mark>{}</mark>{}</div>',
            p.text[: obj.start - p.start],
            obj.text,
            p.text[obj.end - p.start :],
        )

    @admin.display(description="in the source")
    def in_context(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        split = reverse("admin:statements_claim_split", args=[quote(obj.pk)])
        return mark_safe(
            claim_in_context(obj)
            + format_html(' <p><a class="button" href="{}">Split this claim…</a></p>', split)
        )

    # --- saving ---------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        if change and "speaker" in form.changed_data:
            obj.attribution = "editor"
        if obj.review_status == Status.NEEDS_REVIEW and not obj.review_note:
            obj.review_note = f"marked for review by {request.user.get_username()}"
        super().save_model(request, obj, form, change)

    # --- actions (statements/editing.py) -------------------------------------------------
    def _set_status(self, request, queryset, status, verb):
        editor = request.user.get_username()
        changed = editing.set_review_status(queryset, status, editor=editor, reason=verb)
        for claim in changed:
            self.log_change(request, claim, [{"changed": {"fields": ["Review status"]}}])
        self.message_user(request, f"{len(changed)} claim(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Accept the selected claims", permissions=["change"])
    def accept(self, request, queryset):
        self._set_status(request, queryset, Status.ACCEPTED, "accepted")

    @admin.action(
        description="Reject the selected claims (kept, out of public view)", permissions=["change"]
    )
    def reject(self, request, queryset):
        self._set_status(request, queryset, Status.REJECTED, "rejected")

    @admin.action(description="Mark the selected claims as needing review", permissions=["change"])
    def mark_needs_review(self, request, queryset):
        self._set_status(request, queryset, Status.NEEDS_REVIEW, "marked as needing review")

    @admin.action(description="Reattribute the selected claims to…", permissions=["change"])
    def reattribute(self, request, queryset):
        form = ReattributeForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            # The claims the editor confirmed, by id: the list's filter (the review queue) no
            # longer holds a claim another editor accepted meanwhile, or one already done.
            chosen = request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)
            speaker = form.cleaned_data["speaker"]
            changed = editing.reattribute(Claim.objects.filter(pk__in=chosen), speaker)
            for claim in changed:
                self.log_change(request, claim, f"Reattributed to {speaker}.")
            self.message_user(
                request,
                ngettext(
                    "%(n)d claim reattributed to %(speaker)s and accepted.",
                    "%(n)d claims reattributed to %(speaker)s and accepted.",
                    len(changed),
                )
                % {"n": len(changed), "speaker": speaker},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/statements/claim/reattribute.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reattribute claims",
                "opts": self.model._meta,
                "claims": queryset.select_related("speaker"),
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    # --- split ----------------------------------------------------------------------------
    def get_urls(self):
        return [
            path(
                "<path:object_id>/split/",
                self.admin_site.admin_view(self.split_view),
                name="statements_claim_split",
            ),
            *super().get_urls(),
        ]

    def split_view(self, request, object_id):
        claim = get_object_or_404(Claim.objects.select_related("meeting__source"), pk=object_id)
        if not (self.has_change_permission(request, claim) and self.has_add_permission(request)):
            raise PermissionDenied
        form = SplitClaimForm(request.POST or None, claim=claim)
        if request.method == "POST" and form.is_valid():
            second = editing.split_claim(
                claim, form.cleaned_data["first"], form.cleaned_data["second"]
            )
            self.log_change(request, claim, f"Split: the rest became claim {second.pk}.")
            self.log_addition(request, second, f"Split from claim {claim.pk}.")
            self.message_user(request, "The claim was split in two.", messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:statements_claim_change", args=[quote(claim.pk)])
            )
        return TemplateResponse(
            request,
            "admin/statements/claim/split.html",
            {
                **self.admin_site.each_context(request),
                "title": "Split a claim",
                "opts": self.model._meta,
                "original": claim,
                "claim_text": escape(claim.text),
                "form": form,
            },
        )
