"""Routes of the JSON API, included by archive/urls.py at api/v1/ (namespace "api-v1")."""

from statements.api import routes

app_name = routes.api.urls_namespace
urlpatterns = routes.urlpatterns()
