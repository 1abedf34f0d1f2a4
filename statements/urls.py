"""Routes of the researchers' site."""

from django.urls import path

from statements import views

urlpatterns = [
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("speakers/<str:slug>/", views.speaker_detail, name="speaker-detail"),
    path("topics/<str:slug>/", views.topic_detail, name="topic-detail"),
]
