"""Admin for the bilingual glossary: editors find entries by their English or Urdu, filter by
domain, and add or correct renderings; the search uses a change at once (English queries read
the table, statements/search/english.py). The loader never overwrites an editor's change
(statements/search/glossary.py); `edited_by` says who made the last one."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Q

from statements import urdu
from statements.admin.forms import ScriptWidgetsMixin
from statements.models import GlossaryTerm, UrduNormalize
from statements.search.english import tokens


class GlossaryTermForm(forms.ModelForm):
    class Meta:
        model = GlossaryTerm
        fields = ("english", "sense", "domain", "urdu", "enabled")
        widgets = {"urdu": forms.TextInput(attrs={"size": 80})}

    def clean_english(self):
        english = self.cleaned_data["english"].strip()
        if not tokens(english):
            raise forms.ValidationError("Write the English word or term in Latin letters.")
        return english

    def clean_urdu(self):
        forms_ = [f.strip() for f in self.cleaned_data["urdu"].split("|") if f.strip()]
        if not forms_:
            raise forms.ValidationError("Give at least one Urdu rendering.")
        if any(f.isascii() for f in forms_):
            raise forms.ValidationError("Renderings are Urdu text; separate them with |.")
        return "|".join(forms_)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ScriptWidgetsMixin, admin.ModelAdmin):
    form = GlossaryTermForm
    list_display = ("english", "sense", "urdu", "domain", "enabled", "edited_by", "edited_at")
    list_filter = ("domain", "enabled")
    search_fields = ("english",)  # and the Urdu, folded: get_search_results below
    readonly_fields = ("key", "edited_by", "edited_at")
    urdu_fields = ("urdu",)
    list_per_page = 100

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        folded = urdu.fold(term)
        found = queryset.alias(folded=UrduNormalize("urdu")).filter(
            Q(english__icontains=term) | Q(folded__contains=folded)
        )
        return found, False

    def save_model(self, request, obj, form, change):
        obj.edited_by = request.user
        super().save_model(request, obj, form, change)
