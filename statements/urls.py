"""Routes of the researchers' site: search (and how to search), claims (page and embeddable
card), meetings, speakers (and their printable record), topics, feeds, search alerts (under the
language prefix of archive/urls.py: `/` English, `/ur/` Urdu)."""

from django.urls import path

from statements import claim_pages, feeds, views
from statements.alerts import views as alerts

urlpatterns = [
    path("", views.search_page, name="search"),
    path("search/help/", views.search_help, name="search-help"),
    path("claims/<int:pk>/", claim_pages.claim_detail, name="claim-detail"),
    path("claims/<int:pk>/embed", claim_pages.claim_embed, name="claim-embed"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("speakers/<str:slug>/", views.speaker_detail, name="speaker-detail"),
    path("speakers/<str:slug>/record/", views.speaker_record, name="speaker-record"),
    path("topics/<str:slug>/", views.topic_detail, name="topic-detail"),
    path("feeds/search", feeds.SearchFeed(), name="feed-search"),
    path("feeds/meetings", feeds.MeetingsFeed(), name="feed-meetings"),
    path("alerts/new", alerts.subscribe, name="alert-subscribe"),
    path("alerts/confirm/<str:token>/", alerts.confirm, name="alert-confirm"),
    path("alerts/unsubscribe/<str:token>/", alerts.unsubscribe, name="alert-unsubscribe"),
    path("alerts/resubscribe/<str:token>/", alerts.resubscribe, name="alert-resubscribe"),
]
