"""Researcher pages (server-rendered). Only published meetings and public claims are shown."""

from django.shortcuts import get_object_or_404, render

from statements.models import Claim, Meeting, Speaker, Topic


def meeting_detail(request, slug):
    meeting = get_object_or_404(Meeting.objects.published(), slug=slug)
    claims = Claim.objects.public().filter(meeting=meeting).select_related("speaker")
    return render(request, "statements/meeting_detail.html", {"meeting": meeting, "claims": claims})


def speaker_detail(request, slug):
    speaker = get_object_or_404(Speaker, slug=slug)
    claims = Claim.objects.public().filter(speaker=speaker).select_related("meeting")
    return render(request, "statements/speaker_detail.html", {"speaker": speaker, "claims": claims})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    claims = Claim.objects.public().filter(topics=topic).select_related("meeting", "speaker")
    return render(request, "statements/topic_detail.html", {"topic": topic, "claims": claims})
