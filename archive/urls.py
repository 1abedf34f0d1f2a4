"""URL routes: the admin for editors, the researchers' site and the API (statements.urls).

The researchers' pages carry their interface language in the URL (`i18n_patterns`): English
unprefixed (`/meetings/x/`), Urdu under `/ur/` (`/ur/meetings/x/`). A shared link opens in the
language it was shared in, switching language is a plain link, and no cookie or header decides
it, so an anonymous reader's pages set no cookie and a shared cache can serve them.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from statements import claim_pages, views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("archive.health")),  # /healthz, /readyz
    path("api/v1/", include("statements.api.urls")),
    path("favicon.ico", views.favicon, name="favicon"),
    # oEmbed (https://oembed.com) for claims' pages in either language: one endpoint.
    path("oembed", claim_pages.oembed, name="oembed"),
    *i18n_patterns(path("", include("statements.urls")), prefix_default_language=False),
]

handler500 = "archive.middleware.server_error"  # a database that is down gives 503, not 500
