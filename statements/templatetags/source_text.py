"""The verbatim source of a meeting as HTML, with every public claim highlighted and anchored.

    {% load source_text %}{% source_text meeting claims passages %}

The text is cut only at offsets (passages, claims) and every piece is escaped: nothing of a source
is ever trusted as HTML. Each claim is a link to its own anchor (`#claim-<id>`), so it can be
reached with the keyboard; its speaker, kind and review status show on hover and focus, and are
its accessible description.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_bidi, gettext, gettext_noop

from statements.models import Claim
from statements.templatetags.urdu_text import localized

register = template.Library()

# The model's labels, marked so that makemessages puts them in the Urdu catalogue.
LABELS = (
    gettext_noop("Assertion"),
    gettext_noop("Evaluation"),
    gettext_noop("Commitment"),
    gettext_noop("Proposal"),
    gettext_noop("Extracted"),
    gettext_noop("Needs review"),
    gettext_noop("Accepted"),
    gettext_noop("Country"),
    gettext_noop("Place"),
    gettext_noop("Organisation"),
    gettext_noop("Person"),
    gettext_noop("Subject"),
)


def _claim_open(claim: Claim, first: bool) -> SafeString:
    review = claim.review_status == Claim.ReviewStatus.NEEDS_REVIEW
    classes = "claim needs-review" if review else "claim"
    if not first:
        return format_html('<a class="{}" href="#claim-{}">', classes, claim.pk)
    return format_html(
        '<a class="{}" id="claim-{}" href="#claim-{}" aria-describedby="claim-{}-who">',
        classes,
        claim.pk,
        claim.pk,
        claim.pk,
    )


def _claim_info(claim: Claim) -> SafeString:
    kind = gettext(claim.get_kind_display())
    review = ""
    if claim.review_status == Claim.ReviewStatus.NEEDS_REVIEW:
        review = format_html(" · <strong>{}</strong>", gettext("needs review"))
    # In the interface's language and direction, not the source's.
    return format_html(
        '<span class="claim-who" id="claim-{}-who" role="tooltip" lang="{}" dir="{}">'
        "<bdi>{}</bdi> · {}{}</span>",
        claim.pk,
        get_language() or "en",
        "rtl" if get_language_bidi() else "ltr",
        localized(claim.speaker),
        kind,
        review,
    )


def render_span(text: str, start: int, end: int, claims: list[Claim]) -> SafeString:
    """text[start:end], escaped, with the parts of `claims` inside it wrapped as claim links."""
    out: list[str] = []
    pos = start
    for claim in claims:
        a, b = max(claim.start, pos), min(claim.end, end)
        if b <= a:
            continue
        first = a == claim.start
        out.append(escape(text[pos:a]))
        out.append(_claim_open(claim, first))
        if claim.review_status == Claim.ReviewStatus.NEEDS_REVIEW and first:
            out.append('<span class="flag" aria-hidden="true">⚑ </span>')
        out.append(escape(text[a:b]))
        if first:
            out.append(_claim_info(claim))
        out.append("</a>")
        pos = b
    out.append(escape(text[pos:end]))
    return mark_safe("".join(out))


@register.simple_tag
def source_text(meeting, claims, passages) -> SafeString:
    """The whole source text: passages as paragraphs, any text between them kept as well."""
    text = meeting.source.text
    claims = sorted(claims, key=lambda c: (c.start, c.end))
    blocks: list[tuple[int, int, str]] = []
    pos = 0
    for passage in sorted(passages, key=lambda p: p.start):
        if passage.start > pos:
            blocks.append((pos, passage.start, ""))
        blocks.append((max(passage.start, pos), passage.end, f"passage-{passage.position}"))
        pos = max(pos, passage.end)
    if pos < len(text):
        blocks.append((pos, len(text), ""))
    html = []
    for a, b, anchor in blocks:
        if a >= b:
            continue
        if not anchor:
            if text[a:b].strip():
                html.append(
                    format_html('<p class="source-gap">{}</p>', render_span(text, a, b, claims))
                )
            continue
        html.append(format_html('<p id="{}">{}</p>', anchor, render_span(text, a, b, claims)))
    return mark_safe("\n".join(html))
