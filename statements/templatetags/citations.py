"""Cite this, in templates: `{% citation obj as cite %}` gives a claim's, a meeting's or a
speaker's citation (statements/citations.py) with the page's permalink of `obj` and the access
date of the context (`accessed`, else today); then `{{ cite.text }}`, `{{ cite.bibtex }}`,
`{{ cite.ris }}`, `{{ cite.csl_json }}`. The values are plain text: the template escapes them
(and marks their Urdu with |urdu). `templates/statements/_cite.html` shows them all, each with
its copy button.
"""

from __future__ import annotations

from django import template
from django.utils import timezone

from statements.citations import Citation, reference

register = template.Library()


@register.simple_tag(takes_context=True)
def citation(context, obj) -> Citation:
    permalink = context["request"].build_absolute_uri(obj.get_absolute_url())
    accessed = context.get("accessed") or timezone.localdate()
    return Citation(reference(obj, permalink, accessed))
