"""The JSON API under /api/v1/ (routes, schemas, serialisers, HTTP manners) and the export of
the whole published archive (export.py), which `manage.py export` shares, with its loader
(export_loader.py, `manage.py ingest --from-export`)."""
