"""Atom feeds: any search (`/feeds/search?q=...`), so a researcher can follow a query, and the
newly published meetings. Searching goes through statements.search like the pages."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from archive.ratelimit import RateLimited, check_rate_limit
from statements.models import Claim, Meeting
from statements.search import SearchError, SearchRequest, clean_params, query_string, search

FEED_SIZE = 50


class SearchFeed(Feed):
    feed_type = Atom1Feed
    language = "ur"  # the claims are Urdu

    def __call__(self, request, *args, **kwargs):
        try:
            check_rate_limit(request, "search")
        except RateLimited as exc:
            response = HttpResponse(f"{exc}\n", status=429, content_type="text/plain")
            response["Retry-After"] = str(exc.retry_after)
            return response
        try:
            return super().__call__(request, *args, **kwargs)
        except SearchError as error:
            return HttpResponseBadRequest(
                f"This search cannot be run: {error.message}\n", content_type="text/plain"
            )

    def get_object(self, request):
        return search(SearchRequest.from_params(clean_params(request.GET)))

    def title(self, result):
        q = result.request.q
        return f"Diplomatic statements archive: {q}" if q else "Diplomatic statements archive"

    def subtitle(self, result):
        return "Claims matching this search, newest meetings first."

    def feed_url(self, result):
        return reverse("feed-search") + query_string(result.request.to_params()).rstrip("?")

    def link(self, result):
        return reverse("search") + query_string(result.request.to_params()).rstrip("?")

    def items(self, result):
        # A feed follows what is new: newest meetings first, whatever the page's sort.
        return result.claims.order_by("-date", "-meeting__published_at", "start")[:FEED_SIZE]

    def item_title(self, claim: Claim):
        words = claim.text.split()
        text = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
        return f"{claim.speaker.name_en or claim.speaker.name}: {text}"

    def item_description(self, claim: Claim):
        # Atom summaries are type="html": escape, so a reader shows the text and runs nothing.
        return escape(claim.text)

    def item_link(self, claim: Claim):
        return claim.get_absolute_url()

    def item_pubdate(self, claim: Claim):
        return claim.meeting.published_at

    def item_updateddate(self, claim: Claim):
        return claim.updated_at

    def item_author_name(self, claim: Claim):
        return claim.speaker.name_en or claim.speaker.name


class MeetingsFeed(Feed):
    feed_type = Atom1Feed
    title = "Diplomatic statements archive: newly published meetings"
    subtitle = "Meetings as they are published in the archive."
    link = "/"

    def items(self):
        return (
            Meeting.objects.published()
            .select_related("source")
            .order_by("-published_at")[:FEED_SIZE]
        )

    def item_title(self, meeting: Meeting):
        return f"{meeting.date:%Y-%m-%d} {meeting.title_en or meeting.title}"

    def item_description(self, meeting: Meeting):
        return escape(meeting.title)

    def item_pubdate(self, meeting: Meeting):
        return meeting.published_at

    def item_updateddate(self, meeting: Meeting):
        return meeting.updated_at
