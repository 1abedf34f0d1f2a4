"""The link of a search's "Email me when new claims match" control.

    {% load alerts %}<a href="{% alert_url result.request %}">

It carries the search's canonical state (the filters a speaker's or topic's page fixes
included); the interface language is the URL's prefix, as everywhere.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from statements.alerts.subscriptions import alert_search

register = template.Library()


@register.simple_tag
def alert_url(search_request) -> str:
    params = alert_search(search_request)
    return reverse("alert-subscribe") + ("?" + params if params else "")
