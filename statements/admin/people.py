"""Admin for speakers, topics and their aliases: what the extractor resolves names through.

Speaker search (also behind every speaker autocomplete) looks at names and every alias, folded
as search folds Urdu, so "خامنه ای" typed with an Arabic heh finds خامنہ ای.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from simple_history.admin import SimpleHistoryAdmin

from statements import urdu
from statements.admin.history import DeletedRecordsMixin
from statements.models import Alias, Speaker, Topic, UrduNormalize
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


class AliasInline(admin.TabularInline):
    model = Alias
    fields = ("text", "language", "exclude_before", "exclude_after")
    extra = 1


class ClaimCountMixin:
    """A "claims" column, counted in the list's own query (no query per row)."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_claims=Count("claims", distinct=True))

    @admin.display(description="claims", ordering="n_claims")
    def claim_count(self, obj):
        return obj.n_claims


@admin.register(Speaker)
class SpeakerAdmin(ClaimCountMixin, DeletedRecordsMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "name", "role_en", "country", "is_provisional", "claim_count")
    list_filter = ("is_provisional", "country")
    ordering = ("name_en", "name")
    search_fields = ("name",)  # the real search is get_search_results below
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [AliasInline]
    fields = (
        ("name", "name_en"),
        ("role", "role_en"),
        ("country", "wikidata_id"),
        "slug",
        "is_provisional",
    )

    def get_search_results(self, request, queryset, search_term):
        return search_by_name_or_alias(queryset, search_term, "speaker_id"), False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        ensure_name_aliases(form.instance)  # names are found across scripts through aliases


@admin.register(Alias)
class AliasAdmin(DeletedRecordsMixin, SimpleHistoryAdmin):
    list_display = ("text", "language", "speaker", "topic")
    list_filter = ("language",)
    search_fields = ("text",)
    autocomplete_fields = ("speaker", "topic")
    fields = ("text", "language", "speaker", "topic", "exclude_before", "exclude_after")

    def get_search_results(self, request, queryset, search_term):
        term = urdu.fold(search_term).strip()
        return (queryset.filter(normalized__contains=term) if term else queryset), False


@admin.register(Topic)
class TopicAdmin(ClaimCountMixin, DeletedRecordsMixin, SimpleHistoryAdmin):
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
