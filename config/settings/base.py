"""Production-safe settings, read from the environment.

Every variable is listed in ``.env.example``. With none set, the platform runs on its
embedded default: SQLite under ``DATA_DIR``, the in-memory channel layer, a local-memory
cache, local media and mail to the console. ``DATABASE_URL`` switches to PostgreSQL and
``REDIS_URL`` to the Redis channel layer and cache.

``DEBUG`` is off unless the environment says otherwise; with it off, the settings refuse
to start without ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if not DEBUG:
    missing = [
        name
        for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS))
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "DEBUG is off: set %s in the environment (see .env.example)." % ", ".join(missing)
        )

# --- Applications --------------------------------------------------------------------

INSTALLED_APPS = [
    # Production serves with granian (platform/Procfile); Daphne's runserver, which
    # serves HTTP and websockets in development, is added by config/settings/dev.py
    # (its app loads Twisted: ≈ 10 MB a worker for nothing in production).
    "channels",
    # Our apps, lowest layer first (docs/adr/0007-layers.md); listed before the third
    # parties so that their templates and translations take precedence.
    "core",
    "organisations",
    "coaching",
    "maps",
    "agenda",
    "trainings",
    "cms",
    "newsletter",
    "study",
    "collab",
    "progress",
    "opendata",
    "demo",
    # Wagtail
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third parties
    "schedule",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "django_htmx",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # before the session: a cached public page skips everything below (core/public_cache.py)
    "core.public_cache.PublicPageCacheMiddleware",
    # a view that finds the database down: the French 503 page (config/errors.py)
    "config.errors.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # two-factor (organisations/two_factor.py): the session's verified device, then the
    # redirect of a session that owes its code (site, Wagtail admin, Django admin)
    "django_otp.middleware.OTPMiddleware",
    "organisations.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last, as django-axes asks: turns a locked-out login into core.login's page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# HTTP requests one ASGI process computes at once; the others wait on its event loop
# without a thread each (config/concurrency.py, ADR 0020). Websockets are not counted.
WEB_CONCURRENCY_LIMIT = env.int("WEB_CONCURRENCY_LIMIT", default=4)
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "coaching.context_processors.navigation",
            ],
            "libraries": {"french": "core.templatetags.french"},
            # « 1er mai », « du Hublot »: French grammar in every template.
            "builtins": ["core.templatetags.french"],
        },
    },
]
# Every form says "required" to screen readers and links its error summary to a
# focusable control (core.forms.AccessibleBoundField).
FORM_RENDERER = "core.forms.FormRenderer"

# --- Data ----------------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default="sqlite:///" + str(DATA_DIR / "db.sqlite3")),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Under ASGI each request runs in a thread of its own with its own connection: a
    # burst of pages refreshing after a save would open hundreds. A bounded pool per
    # process makes them wait for a connection instead (persistent connections off, as
    # Django advises under ASGI and as the pool requires). DATABASE_POOL_MAX_SIZE=0
    # turns the pool off (then DATABASE_CONN_MAX_AGE applies).
    POOL_MAX_SIZE = env.int("DATABASE_POOL_MAX_SIZE", default=20)
    if POOL_MAX_SIZE:
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": min(2, POOL_MAX_SIZE),
            "max_size": POOL_MAX_SIZE,
            "timeout": env.int("DATABASE_POOL_TIMEOUT", default=20),
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # SQLite waits for a writer rather than failing at once under the dev server.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down: a miss and a dropped write, never an error page (core/cache.py)
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="trajectoires"),
            "OPTIONS": {
                # a Redis that does not answer costs a page at most this long, once
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
                "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=1.0),
            },
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 reads with a 5 s timeout by default, the length of
                # channels_redis's blocking read: idle consumers then die with 1011
                # (django/channels_redis#422). A longer one keeps a dead server detected.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": env.int("CHANNEL_LAYER_SOCKET_TIMEOUT", default=30),
                        "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
                    }
                ],
                "prefix": env.str("CHANNEL_LAYER_PREFIX", default="trajectoires"),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # bounded: whole public pages and dashboards are kept here (one process)
            "OPTIONS": {"MAX_ENTRIES": env.int("LOCAL_CACHE_MAX_ENTRIES", default=300)},
        }
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Public pages kept for anonymous visitors (core/public_cache.py): stale after any write
# to the platform's data, and at the latest after PUBLIC_CACHE_SECONDS (0: off).
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=600)
# What the proxy and the browser may keep (Cache-Control: public, max-age).
PUBLIC_CACHE_MAX_AGE = env.int("PUBLIC_CACHE_MAX_AGE", default=60)
# Every model of the project's own apps makes the public pages stale when written, and
# these third parties' too; except the models written all day that no page shows.
PUBLIC_CACHE_THIRD_PARTY_APPS = {
    "schedule",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
}
PUBLIC_CACHE_IGNORED_MODELS: set[str] = set()

# The clock process (manage.py run_scheduler) looks for due periodic jobs this often.
SCHEDULER_TICK_SECONDS = env.int("SCHEDULER_TICK_SECONDS", default=30)

# Background jobs: run in the request by default; TASKS_BACKEND=database queues them in
# the database for the ``db_worker`` process (see platform/Procfile).
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env.str("TASKS_BACKEND", default="immediate")]
    }
}

# --- Auth ----------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # first: refuses a locked-out (account, address) pair before the password is checked
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "coaching:home"
LOGOUT_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "login"

# Login throttling (django-axes, see core.login): the site's login and the Wagtail admin's
# go through the same authentication backends, so both are counted.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.login.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.login.client_address"
AXES_VERBOSE = False
# Login records (address, browser, time) are kept this long, then purged daily
# (organisations.tasks.purge_expired_login_records; docs/privacy.md).
LOGIN_RECORDS_RETENTION_DAYS = env.int("LOGIN_RECORDS_RETENTION_DAYS", default=180)
# RGPD: a person's export (ZIP) is deleted this many days after it was built, by a daily
# job of the clock (docs/privacy.md).
PERSONAL_DATA_EXPORT_RETENTION_DAYS = env.int("PERSONAL_DATA_EXPORT_RETENTION_DAYS", default=7)
# How many reverse proxies append to X-Forwarded-For in front of the application
# (1 behind platform/Caddyfile); 0 reads REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor authentication (TOTP, django-otp; organisations/two_factor.py): optional for
# everyone; required for administrators and Region officers when this is on. On by
# default in production (DEBUG off); off in development and tests, where the demo's
# `admin` and `region` log in with their password alone.
OTP_REQUIRED_FOR_STAFF = env.bool("OTP_REQUIRED_FOR_STAFF", default=not DEBUG)
OTP_TOTP_ISSUER = "Trajectoires"
# wrong codes: 1, 2, 4, 8… seconds to wait (per device), up to django-otp's maximum
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 14)

# --- Internationalisation ------------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media ----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Media in two locations (core/storage.py, docs/adr/0017-private-media.md): the public
# one (Wagtail's library: what the public site shows), served by the proxy under
# MEDIA_URL; the private one (journal media, training materials, reports), sent only by
# a view after its permission check.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(DATA_DIR / "private-media")))
# How a private file is sent once allowed: "app" streams it (development), "x-accel"
# hands it to the proxy (X-Accel-Redirect, platform/Caddyfile). With S3, a signed address
# valid PRIVATE_MEDIA_URL_SECONDS.
PRIVATE_MEDIA_SENDFILE = env.str("PRIVATE_MEDIA_SENDFILE", default="app")
PRIVATE_MEDIA_URL_SECONDS = env.int("PRIVATE_MEDIA_URL_SECONDS", default=60)
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured("MEDIA_STORAGE is local or s3.")
if PRIVATE_MEDIA_SENDFILE not in ("app", "x-accel"):
    raise ImproperlyConfigured("PRIVATE_MEDIA_SENDFILE is app or x-accel.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "core.storage.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
if MEDIA_STORAGE == "s3":
    # One bucket, two prefixes (django-storages). The public prefix must be readable by
    # anyone (a bucket policy on public/*, or S3_PUBLIC_ACL=public-read); the private one
    # by no one but the platform's key.
    S3_OPTIONS = {
        "bucket_name": env.str("S3_BUCKET"),
        "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("S3_REGION", default="") or None,
        "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env.str("S3_ADDRESSING_STYLE", default="") or None,
        "signature_version": "s3v4",
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **S3_OPTIONS,
            "location": "public",
            "querystring_auth": False,
            "default_acl": env.str("S3_PUBLIC_ACL", default="") or None,
            "custom_domain": env.str("S3_PUBLIC_DOMAIN", default="") or None,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **S3_OPTIONS,
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": PRIVATE_MEDIA_URL_SECONDS,
        },
    }
# Uploads: the journal and the media library cap files at 20 MB; Django keeps larger
# request bodies on disk rather than in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# --- Mail ----------------------------------------------------------------------------

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Trajectoires <ne-pas-repondre@trajectoires.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
#: Where the accessibility statement tells people to write (RGAA: « Retour
#: d'information et contact »).
# The discussion list's replies by e-mail (collab/inbound.py, ADR 0024): each message
# sent to a member carries a signed Reply-To « fil-…@COLLAB_INBOUND_DOMAIN »; the domain's
# MX points at the `inbound` process of platform/Procfile, listening here.
COLLAB_INBOUND_DOMAIN = env.str("COLLAB_INBOUND_DOMAIN", default="reponses.trajectoires.localhost")
COLLAB_INBOUND_SMTP_HOST = env.str("COLLAB_INBOUND_SMTP_HOST", default="127.0.0.1")
COLLAB_INBOUND_SMTP_PORT = env.int("COLLAB_INBOUND_SMTP_PORT", default=2525)
#: How long a reply address stays good after the message was sent.
COLLAB_REPLY_ADDRESS_DAYS = env.int("COLLAB_REPLY_ADDRESS_DAYS", default=90)
ACCESSIBILITY_CONTACT_EMAIL = env.str(
    "ACCESSIBILITY_CONTACT_EMAIL", default="accessibilite@trajectoires.localhost"
)

# --- Security ------------------------------------------------------------------------
# Safe by default; the proxy in front terminates TLS (platform/Caddyfile).

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live)?$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's preview panel frames our own pages: SAMEORIGIN, not DENY. Hence W019.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Content-Security-Policy for our own pages. Nothing is fetched from elsewhere; map
# tiles are the one outside source, and their host comes from the settings.
# Wagtail's admin uses inline styles, so the policy is set on our pages only.
# --- Maps (trust circles): Leaflet is vendored, the tiles come from this server ----------
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">les contributeurs d’OpenStreetMap</a>',
)
CSP_EXTRA_IMG_SOURCES = env.list(
    "CSP_EXTRA_IMG_SOURCES", default=["https://tile.openstreetmap.org"]
)
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *CSP_EXTRA_IMG_SOURCES],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Personal data ---
# External training participants' names and e-mails are erased this many months after
# their training (manage.py anonymise_training_participants, run daily).
TRAINING_PERSONAL_DATA_RETENTION_MONTHS = env.int(
    "TRAINING_PERSONAL_DATA_RETENTION_MONTHS", default=36
)
# The visitor study's raw answers become anonymous tallies this many days after the
# visit (study.tasks.apply_retention, run daily; said in the kiosk's privacy notice).
STUDY_RETENTION_DAYS = env.int("STUDY_RETENTION_DAYS", default=365)

# --- Wagtail -------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Trajectoires"
WAGTAILADMIN_BASE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Page addresses without accents: "fiche-publiee", not "fiche-publi%C3%A9e".
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Videos of the photo and video library (MediaItem.video_file) are documents too.
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
    "mp4",
    "m4v",
    "webm",
    "ogv",
]

# --- Logging -------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
