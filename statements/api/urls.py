"""Routes of the JSON API, included by archive/urls.py at api/v1/ (namespace "api-v1")."""

from statements import api

app_name = api.api.urls_namespace
urlpatterns = api.urlpatterns()
