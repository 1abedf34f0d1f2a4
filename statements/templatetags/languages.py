"""The interface languages as links: the page being read, in each language the site speaks.

    {% load languages %}{% language_links as links %}
    {{ source.language|language_label }}   (a language's name, for a source's language)

The language is part of the URL (archive/urls.py), so switching it is a link to the same page,
query string included, under the other prefix; no form, no cookie.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    request = context.get("request")
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        if request is not None and request.resolver_match is not None:
            url = translate_url(request.get_full_path(), code)
        else:  # a page that resolved to nothing (a 404): the other language's home page
            with translation.override(code):
                url = reverse("search")
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return links


@register.filter
def language_label(code: str) -> str:
    """A language's name for the interface (`ur`: Urdu in English, اردو in Urdu, where
    Django's own catalogue leaves most names untranslated: the language's own name is used),
    or its code when Django does not know it."""
    try:
        info = translation.get_language_info(code)
    except KeyError:
        return code
    if (translation.get_language() or "en").startswith("ur"):
        translated = str(info["name_translated"])
        return translated if translated != info["name"] else info["name_local"]
    return info["name"]
