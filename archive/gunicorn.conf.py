"""gunicorn settings for production: `gunicorn -c archive/gunicorn.conf.py archive.wsgi`.

Every value can be changed from the environment. The access log is off: the application logs
one line per request itself (archive/middleware.py), without query strings.
"""

import os

wsgi_app = "archive.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: each request holds one database connection for its duration.
# The CPUs this process may use (not every CPU of the host), twice over plus one.
workers = int(os.environ.get("GUNICORN_WORKERS", len(os.sched_getaffinity(0)) * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A worker silent for this long is killed and replaced; a request is never left hanging.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then (with jitter) so slow leaks never add up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Only the proxy on this machine may set X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "archive"
