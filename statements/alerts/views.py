"""The alert pages: the form (from a search's "Email me" link), and the pages its links open.

None is kept by the response cache (`never_cache`): each does something, every time. The form
answers the same whether or not the address already has the alert, so it tells nobody who is
subscribed to what; it is limited per client and per address (archive/ratelimit.py scopes
`alert` and `alert_address`), so that it cannot fill someone's inbox.
"""

from __future__ import annotations

import hashlib
import logging

from django import forms
from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from archive.ratelimit import RateLimited, check_rate, check_rate_limit
from statements.alerts import mail, subscriptions, tokens
from statements.models import Alert
from statements.search import SearchError, SearchRequest, clean_params

log = logging.getLogger(__name__)
SEARCH_FIELDS = ("q", "speaker", "meeting", "topic", "country", "date_from", "date_to")


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label=gettext_lazy("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter your e-mail address."),
            "max_length": gettext_lazy("An e-mail address has at most 254 characters."),
        },
    )

    def clean_email(self):
        try:
            return subscriptions.clean_address(self.cleaned_data["email"])
        except subscriptions.InvalidAddress:
            raise forms.ValidationError(
                gettext(
                    "This is not an e-mail address we can write to: type it as name@example.org."
                )
            ) from None


def _language() -> str:
    return "ur" if (translation.get_language() or "en").startswith("ur") else "en"


def _page(request, template: str, context: dict, status: int = 200, retry_after=None):
    response = render(request, f"statements/alerts/{template}.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@never_cache
def subscribe(request):
    """GET: the form for the search in the query string; POST: the alert and its confirmation."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    data = request.POST if request.method == "POST" else request.GET
    try:
        search = SearchRequest.from_params(clean_params(data))
    except SearchError as error:
        return _page(request, "error", {"message": error.message, "search_url": "?"}, 400)
    canonical = subscriptions.alert_search(search)
    context = {
        "label": mail.search_label(search),
        "search_url": reverse("search") + ("?" + canonical if canonical else ""),
        "hidden": [
            (n, v) for n, vs in search.to_params().items() if n in SEARCH_FIELDS for v in vs
        ],
        "form": SubscribeForm(),
    }
    if request.method == "GET":
        return _page(request, "subscribe", context)
    form = context["form"] = SubscribeForm(request.POST)
    try:
        check_rate_limit(request, "alert")
    except RateLimited as exc:
        context["limited"] = exc.retry_after
        return _page(request, "subscribe", context, 429, exc.retry_after)
    if not form.is_valid():
        return _page(request, "subscribe", context, 400)
    email = form.cleaned_data["email"]
    try:
        check_rate("alert_address", hashlib.sha256(email.lower().encode()).hexdigest())
    except RateLimited as exc:
        context["limited_address"] = exc.retry_after
        return _page(request, "subscribe", context, 429, exc.retry_after)
    alert = subscriptions.subscribe(email, search, _language())
    message = mail.confirmation_message(alert, search, _language(), request.build_absolute_uri)
    try:
        message.send()
    except Exception:  # the mail server refused or is down: say so, keep nothing half-done
        log.exception("confirmation of alert %s not sent", alert.pk)
        context["not_sent"] = True
        return _page(request, "subscribe", context, 503)
    subscriptions.confirmation_sent(alert)
    context.update(email=email, days=settings.ALERT_CONFIRM_DAYS)
    return _page(request, "check_inbox", context)


def _token_error(request, error: tokens.BadToken):
    """A link that cannot be used: 410 when it expired (with a way to ask again), else 400."""
    context = {"expired": error.expired}
    alert = Alert.objects.filter(pk=error.alert_id).first() if error.alert_id else None
    if alert is not None:
        context["again_url"] = reverse("alert-subscribe") + "?" + alert.search
    return _page(request, "token_error", context, 410 if error.expired else 400)


@never_cache
def confirm(request, token: str):
    try:
        confirmation = tokens.read_confirm_token(token)
    except tokens.BadToken as error:
        return _token_error(request, error)
    try:
        alert, was_active = subscriptions.confirm(confirmation.alert_id, confirmation.language)
    except subscriptions.Refused:
        return _page(request, "token_error", {"refused": True}, 403)
    if alert is None:
        return _page(request, "token_error", {"gone": True}, 404)
    return _confirmed(request, alert, was_active)


def _confirmed(request, alert: Alert, was_active: bool):
    unsubscribe = reverse("alert-unsubscribe", args=[tokens.unsubscribe_token(alert.pk)])
    context = {"alert": alert, "was_active": was_active, "unsubscribe_url": unsubscribe}
    return _page(request, "confirmed", {**context, **_about(alert)})


def _about(alert: Alert) -> dict:
    """The alert's search, described and linked (described as nothing when it no longer
    reads: a filter's speaker merged away)."""
    try:
        label = mail.search_label(subscriptions.alert_request(alert))
    except SearchError:
        label = ""
    return {"label": label, "search_url": reverse("search") + "?" + alert.search}


@never_cache
@csrf_exempt  # the token is the authority; mail clients' one-click POST (RFC 8058) has no CSRF
def unsubscribe(request, token: str):
    """GET (the link in a message) or POST (List-Unsubscribe-Post): the alert ends at once."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        alert_id = tokens.read_unsubscribe_token(token)
    except tokens.BadToken as error:
        return _token_error(request, error)
    alert = subscriptions.unsubscribe(alert_id)
    context = {"alert": alert, "token": token, **(_about(alert) if alert else {})}
    return _page(request, "unsubscribed", context)


@never_cache
def resubscribe(request, token: str):
    """The unsubscribe page's "Undo" button (POST, with its CSRF token)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        alert_id = tokens.read_unsubscribe_token(token)
    except tokens.BadToken as error:
        return _token_error(request, error)
    try:
        alert = subscriptions.resubscribe(alert_id)
    except subscriptions.Refused:
        return _page(request, "token_error", {"refused": True}, 403)
    if alert is None:
        return _page(request, "token_error", {"gone": True}, 404)
    return _confirmed(request, alert, False)
