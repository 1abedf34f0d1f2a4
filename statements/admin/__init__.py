"""The editors' admin: meetings (added from documents, published after a confirmation), claims
(reviewed, corrected, split), speakers, topics and aliases, each with its history, and the
English-Urdu glossary.

The model admins are configuration and hooks: meetings.py, claims.py, people.py (speakers,
topics, aliases), alerts.py (search alerts: seen and deactivated, never edited), history.py (deleted rows), forms.py; importing them here registers them. The
changes editors make are services in statements/editing.py, and the claim search is the one
search (statements.search). What a user may do comes from the Editors group (migration 0006).
"""

from django.contrib import admin
from django.db import models

from statements.admin import alerts, claims, glossary, meetings, people  # noqa: F401 (registers)
from statements.models import Source

admin.site.site_header = "Diplomatic statements archive: editors"
admin.site.site_title = "Archive editors"
admin.site.index_title = "Meetings, claims and speakers"
# No navigation column beside every page: the claim lists need the width for Urdu paragraphs
# (the breadcrumbs and the home page lead everywhere it led).
admin.site.enable_nav_sidebar = False


SOURCE_REPORT_FIELDS = (
    "publisher",
    "publisher_en",
    "url",
    "published_on",
    "language",
    "original_language",
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """A source's text is verbatim and never edited; the report it is (publisher, original URL,
    publication date, languages: what citations name) can be corrected."""

    list_display = ("origin", "version", "publisher", "published_on", "sha256", "ingested_at")
    search_fields = ("origin", "sha256", "publisher", "publisher_en", "url")
    fields = (
        *SOURCE_REPORT_FIELDS,
        "origin",
        "version",
        "previous_version",
        "sha256",
        "retrieved_at",
        "ingested_at",
        "text",
    )
    readonly_fields = [f.name for f in Source._meta.fields if f.name not in SOURCE_REPORT_FIELDS]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
