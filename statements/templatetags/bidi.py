"""Text of unknown direction inside a line of known direction, isolated (Unicode's first-strong
isolate, U+2068 ... U+2069): where markup cannot isolate it (a page <title>), a right-to-left
override typed into a query or carried by a source stops at the end of the text instead of
reversing the rest of the line."""

from django import template

register = template.Library()

FSI, PDI = "\u2068", "\u2069"


@register.filter
def isolate(text) -> str:
    """`text` between FSI and PDI (escaped as usual by the template)."""
    return f"{FSI}{text}{PDI}" if text else ""
