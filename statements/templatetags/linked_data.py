"""`{{ data|jsonld }}`: a dict as a `<script type="application/ld+json">` block (escaped so no
text can close it; data, not code, so the site's CSP is unaffected). statements/linked_data.py
builds the data."""

from django import template

from statements.linked_data import script

register = template.Library()


@register.filter(is_safe=True)
def jsonld(data) -> str:
    return script(data) if data else ""
