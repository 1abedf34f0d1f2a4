"""The messages of alerts: a confirmation, and new claims. Each is plain text with an HTML
alternative, written in the language the alert was asked for in (an Urdu message's HTML is
`dir="rtl"`; the claims, Urdu in either, are marked `lang="ur" dir="rtl"`).

Links are absolute: a confirmation's from the request it answers, an alert's from
settings.SITE_URL (`manage.py send_alerts` has no request).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from statements.alerts import tokens
from statements.models import Alert, Claim, Meeting, Speaker, Topic
from statements.search import SearchRequest

SUBJECT_QUERY_CHARS = 60


def _in_language(obj, field: str = "name") -> str:
    urdu, english = getattr(obj, field, "") or "", getattr(obj, f"{field}_en", "") or ""
    if (translation.get_language() or "en").startswith("ur"):
        return urdu or english
    return english or urdu


def search_label(request: SearchRequest) -> str:
    """The search in a few words, in the active language: its query and filters."""
    parts = [f"«{request.q}»"] if request.q else []
    parts += [_in_language(s) for s in Speaker.objects.filter(pk__in=request.speakers)]
    parts += [_in_language(t) for t in Topic.objects.filter(pk__in=request.topics)]
    parts += [
        f"{m.date:%Y-%m-%d} {_in_language(m, 'title')}"
        for m in Meeting.objects.filter(pk__in=request.meetings)
    ]
    parts += list(request.countries)
    if request.date_from:
        parts.append(gettext("from %(date)s") % {"date": request.date_from.isoformat()})
    if request.date_to:
        parts.append(gettext("to %(date)s") % {"date": request.date_to.isoformat()})
    parts += [gettext(dict(Claim.ReviewStatus.choices)[s]) for s in request.review_statuses]
    return " · ".join(parts) or gettext("every new claim")


def _short(label: str) -> str:
    return label if len(label) <= SUBJECT_QUERY_CHARS else label[: SUBJECT_QUERY_CHARS - 1] + "…"


def _message(alert: Alert, subject: str, template: str, context: dict, connection=None):
    context = {**context, "alert": alert, "rtl": alert.language == "ur"}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"statements/alerts/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[alert.email],
        connection=connection,
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(
        render_to_string(f"statements/alerts/email/{template}.html", context), "text/html"
    )
    return message


def confirmation_message(alert: Alert, request: SearchRequest, language: str, absolute):
    """The message with the link that confirms `alert`; `absolute` makes a path a URL."""
    with translation.override(language):
        label = search_label(request)
        confirm = absolute(
            reverse("alert-confirm", args=[tokens.confirm_token(alert.pk, language)])
        )
        search_url = absolute(reverse("search") + "?" + alert.search)
        subject = gettext("Confirm your alert: %(search)s") % {"search": _short(label)}
        context = {
            "label": label,
            "confirm_url": confirm,
            "search_url": search_url,
            "days": settings.ALERT_CONFIRM_DAYS,
        }
        # the language asked for, which the alert takes when confirmed
        shown = Alert(pk=alert.pk, email=alert.email, search=alert.search, language=language)
        return _message(shown, subject, "confirm", context)


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def alert_message(
    alert: Alert, request: SearchRequest, claims: list[Claim], total: int, connection=None
):
    """The message of new claims for `alert`: the first ones listed, how many in all, a link to
    the whole search (newest first) and the one-click unsubscribe link (List-Unsubscribe)."""
    with translation.override(alert.language):
        label = search_label(request)
        unsubscribe = site_url(
            reverse("alert-unsubscribe", args=[tokens.unsubscribe_token(alert.pk)])
        )
        sep = "&" if alert.search else ""
        items = [
            {
                "text": " ".join(claim.text.split()),  # the source's line breaks, as spaces
                "speaker": _in_language(claim.speaker),
                "date": claim.meeting.date.isoformat(),
                "meeting": _in_language(claim.meeting, "title"),
                "url": site_url(claim.get_absolute_url()),
            }
            for claim in claims
        ]
        context = {
            "label": label,
            "claims": items,
            "total": total,
            "more": total - len(items),
            "search_url": site_url(reverse("search") + "?" + alert.search + sep + "sort=-date"),
            "unsubscribe_url": unsubscribe,
        }
        subject = gettext("New claims for your search: %(search)s") % {"search": _short(label)}
        message = _message(alert, subject, "claims", context, connection)
    message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message
