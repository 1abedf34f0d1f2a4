"""Admin for speakers, topics and their aliases: what the extractor resolves names through.

Speaker search (also behind every speaker autocomplete) looks at names and every alias, folded
as search folds Urdu, so "خامنه ای" typed with an Arabic heh finds خامنہ ای. Speakers are
merged (one person, one speaker) by a list action, and a merge is undone from the list of
merges; both call statements/editing.py. Dated roles are edited inline.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from statements import editing, urdu
from statements.admin.forms import ScriptWidgetsMixin
from statements.admin.history import DeletedRecordsMixin
from statements.models import Alias, Role, Speaker, SpeakerMerge, Topic, UrduNormalize
from statements.speakers.names import ensure_name_aliases


def search_by_name_or_alias(queryset, search_term: str, alias_of: str):
    """Rows whose Urdu name, English name or any alias contains the term, Urdu folded."""
    term = urdu.fold(search_term).strip()
    if not term:
        return queryset
    ids = Alias.objects.filter(
        **{f"{alias_of}__isnull": False, "normalized__contains": term}
    ).values(alias_of)
    return queryset.alias(folded_name=UrduNormalize("name")).filter(
        Q(folded_name__contains=term) | Q(name_en__icontains=search_term.strip()) | Q(pk__in=ids)
    )


class AliasInline(ScriptWidgetsMixin, admin.TabularInline):
    model = Alias
    either_script_fields = ("text",)
    urdu_fields = ("exclude_before", "exclude_after")
    fields = ("text", "language", "exclude_before", "exclude_after")
    extra = 1


class ClaimCountMixin:
    """A "claims" column, counted in the list's own query (no query per row)."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_claims=Count("claims", distinct=True))

    @admin.display(description="claims", ordering="n_claims")
    def claim_count(self, obj):
        return obj.n_claims


class RoleInline(admin.TabularInline):
    model = Role
    fields = ("office", "of", "title", "title_en", "start", "end")
    extra = 0


@admin.register(Speaker)
class SpeakerAdmin(ClaimCountMixin, DeletedRecordsMixin, ScriptWidgetsMixin, SimpleHistoryAdmin):
    urdu_fields = ("name", "role")
    list_display = (
        "__str__", "name", "role_en", "country", "kind", "is_provisional", "suggested_name_en",
        "claim_count",
    )  # fmt: skip
    list_filter = ("is_provisional", "kind", "country")
    ordering = ("name_en", "name")
    search_fields = ("name",)  # the real search is get_search_results below
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [AliasInline, RoleInline]
    actions = ("merge", "confirm_suggested_names")
    fields = (
        ("name", "name_en"),
        "suggested_name_en",
        ("role", "role_en"),
        ("country", "wikidata_id"),
        "slug",
        "is_provisional",
    )

    @admin.action(description="Merge the selected speakers (one person)…", permissions=["change"])
    def merge(self, request, queryset):
        speakers = list(queryset.order_by("is_provisional", "pk"))
        if len(speakers) < 2:
            self.message_user(request, "Select two or more speakers to merge.", messages.WARNING)
            return None
        chosen = request.POST.get("survivor")
        survivor = next((s for s in speakers if str(s.pk) == chosen), None)
        if "apply" in request.POST and survivor is not None:
            for other in speakers:
                if other.pk != survivor.pk:
                    merge = editing.merge_speakers(other, survivor, user=request.user)
                    self.log_change(request, survivor, f"Merged {merge.merged_name} into it.")
            self.message_user(
                request,
                f"{len(speakers) - 1} speaker(s) merged into {survivor}; the merge can be undone "
                "from the list of speaker merges.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/statements/speaker/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge speakers",
                "opts": self.model._meta,
                "speakers": queryset.annotate(n=Count("claims")).order_by("is_provisional", "pk"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(
        description="Confirm the suggested English names of the selected speakers",
        permissions=["change"],
    )
    def confirm_suggested_names(self, request, queryset):
        done = 0
        for speaker in queryset.exclude(suggested_name_en="").filter(name_en=""):
            speaker.name_en = speaker.suggested_name_en
            speaker._change_reason = "suggested English name confirmed"
            speaker.save()
            ensure_name_aliases(speaker)
            done += 1
        self.message_user(request, f"{done} English name(s) confirmed.", messages.SUCCESS)

    def get_search_results(self, request, queryset, search_term):
        return search_by_name_or_alias(queryset, search_term, "speaker_id"), False

    def get_inlines(self, request, obj):
        return self.inlines if obj else [AliasInline]  # roles once the speaker exists

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        ensure_name_aliases(form.instance)  # names are found across scripts through aliases


@admin.register(Alias)
class AliasAdmin(DeletedRecordsMixin, ScriptWidgetsMixin, SimpleHistoryAdmin):
    either_script_fields = ("text",)
    urdu_fields = ("exclude_before", "exclude_after")
    list_display = ("text", "language", "speaker", "topic")
    list_filter = ("language",)
    search_fields = ("text",)
    autocomplete_fields = ("speaker", "topic")
    fields = ("text", "language", "speaker", "topic", "exclude_before", "exclude_after")

    def get_search_results(self, request, queryset, search_term):
        term = urdu.fold(search_term).strip()
        return (queryset.filter(normalized__contains=term) if term else queryset), False


@admin.register(Topic)
class TopicAdmin(ClaimCountMixin, DeletedRecordsMixin, ScriptWidgetsMixin, SimpleHistoryAdmin):
    urdu_fields = ("name",)
    list_display = ("name_en", "name", "kind", "country", "claim_count")
    list_filter = ("kind",)
    ordering = ("name_en",)
    search_fields = ("name_en",)  # the real search is get_search_results below
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("speaker",)
    inlines = [AliasInline]

    def get_search_results(self, request, queryset, search_term):
        return search_by_name_or_alias(queryset, search_term, "topic_id"), False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        ensure_name_aliases(form.instance)


@admin.register(SpeakerMerge)
class SpeakerMergeAdmin(admin.ModelAdmin):
    """Merges, newest first: who was merged into whom, by whom; undone from here."""

    list_display = ("merged_name", "merged_slug", "survivor", "merged_by", "merged_at", "undone_at")
    list_filter = ("undone_at",)
    readonly_fields = [f.name for f in SpeakerMerge._meta.fields]
    actions = ("undo",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Undo the selected merges (restore the merged speakers)",
                  permissions=["change"])  # fmt: skip
    def undo(self, request, queryset):
        for merge in queryset.filter(undone_at__isnull=True).order_by("-merged_at"):
            speaker = editing.undo_merge(merge)
            self.log_change(request, merge, f"Undone: {speaker} restored.")
            self.message_user(request, f"{speaker} restored, with its claims.", messages.SUCCESS)
