"""URL routes: the admin for editors, the researchers' site and the API (statements.urls)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("archive.health")),  # /healthz, /readyz
    path("api/v1/", include("statements.api.urls")),
    path("", include("statements.urls")),
]

handler500 = "archive.middleware.server_error"  # a database that is down gives 503, not 500
