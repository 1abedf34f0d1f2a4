"""The verbatim source of a meeting as HTML, with every public claim highlighted and anchored.

    {% load source_text %}{% source_text meeting claims passages colours=colours only=only terms=terms %}

The text is cut only at offsets (passages, claims) and every piece is escaped: nothing of a source
is ever trusted as HTML. Each claim is a link to its own anchor (`#claim-<id>`), so it can be
reached with the keyboard. Who said it shows at the span: the claim is set in its speaker's
colour (`colours`: speaker id -> index of the page's palette, with a legend on the page) and
begins with the speaker's name; speaker, kind and review status are also its accessible
description. With `only` (a speaker id) the other speakers' claims are left as plain text,
still anchored. `terms` (folded words of a search) are marked wherever they occur.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_bidi, gettext, gettext_noop

from statements.models import Claim
from statements.search.highlight import highlight
from statements.templatetags.urdu_text import localized

register = template.Library()

# The model's labels, marked so that makemessages puts them in the Urdu catalogue.
LABELS = (
    gettext_noop("Assertion"),
    gettext_noop("Evaluation"),
    gettext_noop("Commitment"),
    gettext_noop("Proposal"),
    gettext_noop("Denial"),
    gettext_noop("Demand"),
    gettext_noop("Warning"),
    gettext_noop("Extracted"),
    gettext_noop("Needs review"),
    gettext_noop("Accepted"),
    gettext_noop("Rejected"),
    gettext_noop("Country"),
    gettext_noop("Place"),
    gettext_noop("Organisation"),
    gettext_noop("Person"),
    gettext_noop("Subject"),
)
PALETTE_SIZE = 6  # static/css/site.css: .speaker-0 ... .speaker-5


def _interface() -> tuple[str, str]:
    return get_language() or "en", "rtl" if get_language_bidi() else "ltr"


def _claim_open(claim: Claim, first: bool, colour: int) -> SafeString:
    review = " needs-review" if claim.review_status == Claim.ReviewStatus.NEEDS_REVIEW else ""
    classes = f"claim speaker-{colour % PALETTE_SIZE}{review}"
    if not first:
        return format_html('<a class="{}" href="#claim-{}">', classes, claim.pk)
    lang, direction = _interface()
    return format_html(
        '<a class="{}" id="claim-{}" href="#claim-{}" aria-describedby="claim-{}-who">'
        '<span class="claim-speaker" aria-hidden="true" lang="{}" dir="{}">{}</span>',
        classes,
        claim.pk,
        claim.pk,
        claim.pk,
        lang,
        direction,
        localized(claim.speaker),
    )


def _claim_info(claim: Claim) -> SafeString:
    """Speaker, kind and review status: the claim's accessible description."""
    kind = gettext(claim.get_kind_display())
    review = ""
    if claim.review_status == Claim.ReviewStatus.NEEDS_REVIEW:
        review = format_html(" · {}", gettext("needs review"))
    lang, direction = _interface()
    return format_html(
        '<span class="claim-who" id="claim-{}-who" lang="{}" dir="{}">{} · {}{}</span>',
        claim.pk,
        lang,
        direction,
        localized(claim.speaker),
        kind,
        review,
    )


def render_span(
    text: str,
    start: int,
    end: int,
    claims: list[Claim],
    colours: dict[int, int] | None = None,
    only: int | None = None,
    terms: list[str] | None = None,
) -> SafeString:
    """text[start:end], escaped (and `terms` marked), with the parts of `claims` inside it
    wrapped as claim links."""
    colours, terms = colours or {}, terms or []
    out: list[str] = []
    pos = start
    for claim in claims:
        a, b = max(claim.start, pos), min(claim.end, end)
        if b <= a:
            continue
        first = a == claim.start
        out.append(highlight(text[pos:a], terms))
        if only is not None and claim.speaker_id != only:
            anchor = format_html(' id="claim-{}"', claim.pk) if first else ""
            out.append(format_html('<span class="claim-other"{}>', anchor))
            out.append(highlight(text[a:b], terms))
            out.append("</span>")
            pos = b
            continue
        out.append(_claim_open(claim, first, colours.get(claim.speaker_id, 0)))
        if claim.review_status == Claim.ReviewStatus.NEEDS_REVIEW and first:
            out.append('<span class="flag" aria-hidden="true">⚑ </span>')
        out.append(highlight(text[a:b], terms))
        if first:
            out.append(_claim_info(claim))
        out.append("</a>")
        pos = b
    out.append(highlight(text[pos:end], terms))
    return mark_safe("".join(out))


@register.simple_tag
def source_text(meeting, claims, passages, colours=None, only=None, terms=None) -> SafeString:
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
        body = render_span(text, a, b, claims, colours, only, terms)
        if not anchor:
            if text[a:b].strip():
                html.append(format_html('<p class="source-gap">{}</p>', body))
            continue
        html.append(format_html('<p id="{}">{}</p>', anchor, body))
    return mark_safe("\n".join(html))


@register.simple_tag
def claim_in_paragraph(claim: Claim) -> SafeString:
    """The paragraph of `claim` (its passage), escaped, with the claim marked and the subject
    as the source names it underlined when it lies in the same paragraph."""
    text, passage = claim.meeting.source.text, claim.passage
    spans = [(claim.start, claim.end, "this-claim", "mark")]
    start, end = claim.subject_start, claim.subject_end
    inside = start is not None and passage.start <= start and end <= passage.end
    if inside and (end <= claim.start or start >= claim.end):  # in the paragraph, beside it
        spans.append((start, end, "named-subject", "span"))
    out, pos = [], passage.start
    for start, end, css, tag in sorted(spans):
        out.append(escape(text[pos:start]))
        out.append(format_html('<{} class="{}">{}</{}>', tag, css, text[start:end], tag))
        pos = end
    out.append(escape(text[pos : passage.end]))
    return mark_safe("".join(out))
