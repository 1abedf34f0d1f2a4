"""Routes of the researchers' site: search, meetings, speakers, topics, feeds (under the
language prefix of archive/urls.py: `/` English, `/ur/` Urdu)."""

from django.urls import path

from statements import feeds, views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("speakers/<str:slug>/", views.speaker_detail, name="speaker-detail"),
    path("topics/<str:slug>/", views.topic_detail, name="topic-detail"),
    path("feeds/search", feeds.SearchFeed(), name="feed-search"),
    path("feeds/meetings", feeds.MeetingsFeed(), name="feed-meetings"),
]
