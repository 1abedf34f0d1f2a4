"""Settings for the archive, read from the environment (django-environ; `.env` is optional).

See `.env.example` for every variable. With no DATABASE_URL, the project's own embedded
PostgreSQL cluster (archive/pgcluster.py) is used.
"""

import secrets
from pathlib import Path

import environ

from archive import pgcluster

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

PRODUCTION = env.bool("DJANGO_PRODUCTION", default=False)
# Production never runs with DEBUG, whatever DJANGO_DEBUG says.
DEBUG = env.bool("DJANGO_DEBUG", default=False) and not PRODUCTION


def _secret_key() -> str:
    key = env.str("DJANGO_SECRET_KEY", default="")
    if key:
        return key
    if PRODUCTION:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_PRODUCTION is on")
    # Development and tests: a random key kept per checkout (git-ignored), never a fixed default.
    path = BASE_DIR / ".dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "simple_history",
    "axes",
    "statements",
    "csp",
    "ninja",  # the API page's Swagger UI: its template and static files, served by the site
]

MIDDLEWARE = [
    "archive.clientip.ClientAddressMiddleware",
    "archive.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages and API answers, shared by every worker (outside CSRF and sessions, so it
    # sees the cookies they set and never stores those responses).
    "archive.responsecache.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "archive.middleware.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "archive.middleware.DatabaseUnavailableMiddleware",
    # Who made a change, for the history of meetings, claims, speakers, aliases and topics.
    "simple_history.middleware.HistoryRequestMiddleware",
    # After the others that handle exceptions, so its process_exception (retry a lost replica's
    # read on the primary) runs first. (AxesMiddleware below has no process_exception.)
    "archive.middleware.ReadRoutingMiddleware",
    # Throttles failed logins (admin included); axes wants it last.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out username/IP pair before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one username from one address lock that pair out for an hour; a
# successful login resets the count. Attempts live in the database (tests roll them back).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_TIME", default=1.0)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False  # no start-up banner on stderr (commands keep one-line errors)
# The client's address as archive.clientip.ClientAddressMiddleware found it (REMOTE_ADDR, set
# from a trusted proxy's X-Forwarded-For): a lockout locks out one client, not the proxy.
AXES_CLIENT_IP_CALLABLE = "archive.clientip.request_client"

ROOT_URLCONF = "archive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "archive.wsgi.application"

if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
    DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = "template0"
    EMBEDDED_DATABASE = False
else:
    DATABASES = {"default": pgcluster.database_settings()}
    EMBEDDED_DATABASE = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ur", "اردو")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Where `manage.py ingest` reads from when given no paths.
SEEDS_DIR = BASE_DIR / "seeds"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"one_line": {"()": "archive.middleware.OneLineLogFilter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

# --- Production layer (issue 7): security headers, HTTPS, database timeouts, replicas, logging ---
from csp.constants import NONE, SELF  # noqa: E402

from archive.routers import replica_databases  # noqa: E402

# Headers on every response, in development too, so tests see what production sends.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "font-src": [SELF],
        "img-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes speak plain HTTP
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"

# A database that is down must give a quick 503, not a hung worker.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", DATABASE_CONNECT_TIMEOUT
)
# Work a dead client leaves behind is cancelled, and no request waits on a lock for ever: every
# session gets timeouts, short for the web (archive/wsgi.py sets ARCHIVE_DATABASE_ROLE=web; under
# gunicorn's 30 s worker timeout, so a slow statement ends as a 503 with a message, not a killed
# worker) and long for commands. client_connection_check_interval makes the server notice a
# client that went away in the middle of a long statement (a killed worker, Ctrl-C) and cancel it.
DATABASE_ROLE = env.str("ARCHIVE_DATABASE_ROLE", default="command")
DATABASE_SESSION_SETTINGS = {
    "web": {
        "statement_timeout": env.str("DATABASE_STATEMENT_TIMEOUT", default="25s"),
        "lock_timeout": env.str("DATABASE_LOCK_TIMEOUT", default="10s"),
        "idle_in_transaction_session_timeout": "60s",
        "client_connection_check_interval": "5s",
    },
    "command": {
        "statement_timeout": "1h",
        "lock_timeout": "5min",
        "idle_in_transaction_session_timeout": "10min",
        "client_connection_check_interval": "5s",
    },
}[DATABASE_ROLE]
_session_options = " ".join(f"-c {k}={v}" for k, v in DATABASE_SESSION_SETTINGS.items())
DATABASES["default"]["OPTIONS"]["options"] = _session_options
# Streaming replicas for the public pages' reads (archive/routers.py); none by default.
DATABASES.update(
    replica_databases(
        env.list("DATABASE_REPLICA_URLS", default=[]),
        connect_timeout=DATABASE_CONNECT_TIMEOUT,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        options=_session_options,
    )
)
DATABASE_ROUTERS = ["archive.routers.ReplicaRouter"]
# Seconds after a write during which the same browser keeps reading from the primary.
READ_YOUR_WRITES_SECONDS = env.int("READ_YOUR_WRITES_SECONDS", default=5)
# Seconds a replica that failed to connect is left alone before it is tried again.
REPLICA_RETRY_SECONDS = env.int("REPLICA_RETRY_SECONDS", default=10)

# One line per request (archive.middleware), errors with tracebacks, all to stderr.
LOGGING["loggers"] = {
    "archive.request": {"level": "INFO"},
    # Django's own 4xx/5xx lines would repeat the request line; keep its tracebacks (ERROR).
    "django.request": {"level": "ERROR"},
    # A request for a host the site does not serve is a line, not a traceback: scanners send
    # thousands.
    "django.security.DisallowedHost": {"filters": ["one_line"]},
}
# --- end of the production layer ---

# The cache every worker shares (responses, facet counts, rate limits): CACHE_URL (redis://...,
# pymemcache://..., read by django-environ) or the archive's own PostgreSQL (archive/pgcache.py).
CACHES = {
    "default": env.cache("CACHE_URL")
    if env.str("CACHE_URL", default="")
    else {"BACKEND": "archive.pgcache.PostgresCache", "LOCATION": "default", "TIMEOUT": 86_400}
}
RESPONSE_CACHE = env.bool("RESPONSE_CACHE", default=True)
# The code's version in the response cache's keys (archive/responsecache.py code_version): a
# release id or commit; empty = a hash of the files that render pages.
RESPONSE_CACHE_VERSION = env.str("RESPONSE_CACHE_VERSION", default="")

# Rate limits per client address, requests a minute (archive/ratelimit.py): searches on the
# pages, feeds and API share one; exports another. (API_*_RATE_LIMIT: the older names.)
RATE_LIMITS = {
    "search": (
        env.int("SEARCH_RATE_LIMIT", default=env.int("API_SEARCH_RATE_LIMIT", default=120)),
        60,
    ),
    "export": (
        env.int("EXPORT_RATE_LIMIT", default=env.int("API_EXPORT_RATE_LIMIT", default=6)),
        60,
    ),
}
# Request bodies (archive.middleware.RequestBodyLimitMiddleware): a few MB everywhere; the admin's
# add-meeting form (a document of up to 2 MB, statements/ingest/parse.py) may receive more, so
# that its form, not the connection, says what is too large. The proxy in front should allow
# MAX_DOCUMENT_REQUEST_BYTES (nginx: client_max_body_size 25m).
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_BYTES", default=4 * 1024 * 1024)
MAX_DOCUMENT_REQUEST_BYTES = env.int("MAX_DOCUMENT_REQUEST_BYTES", default=25 * 1024 * 1024)
DOCUMENT_UPLOAD_PATH = "/admin/statements/meeting/add/"
# Django's own check of form fields would answer a bare 400 from inside the CSRF middleware, so a
# 20 MB paste would lose the text; the body limit above bounds what is read instead, and the
# add-meeting form says what is too large with the text still in it.
DATA_UPLOAD_MAX_MEMORY_SIZE = None

# Proxies whose X-Forwarded-For is believed (addresses or networks; archive/clientip.py).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

# --- Mail (search alerts, statements/alerts/) ---
# EMAIL_URL (django-environ: smtp+tls://user:password@host:587, consolemail://, ...), else the
# usual EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS/SSL. With
# neither, messages are written as files under var/mail/ (git-ignored), so that subscribing,
# confirming and `manage.py send_alerts` work on a fresh clone with nothing to set up.
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
elif env.str("EMAIL_HOST", default=""):
    EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
    EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
else:
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend"
    )
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Diplomatic statements archive <alerts@localhost>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# The site's public address, for the links of messages `manage.py send_alerts` writes (it has
# no request to take it from).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Subscribing sends a message, so it is limited per client address and per e-mail address:
# (messages, seconds). A confirmation link is valid for ALERT_CONFIRM_DAYS.
RATE_LIMITS["alert"] = (env.int("ALERT_RATE_LIMIT", default=10), 3600)
RATE_LIMITS["alert_address"] = (env.int("ALERT_ADDRESS_RATE_LIMIT", default=3), 3600)
ALERT_CONFIRM_DAYS = env.int("ALERT_CONFIRM_DAYS", default=7)
