"""Settings for the city portal, read once from environment variables.

Development defaults are safe; with DJANGO_DEBUG off the secret key and the
allowed hosts must be given. Every variable is listed in .env.example.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")
HTTPS = env_flag("DJANGO_HTTPS")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "development-only-key-never-used-with-debug-off"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
elif not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
elif not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")

# The portal's public address for links built outside a request (emails sent by
# commands). Empty: links use the host of the current request.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "accounts",
    "portal",
    "news",
    "applications",
    "faq",
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_prose_editor",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Several machines: page copies retired by a change elsewhere, and anonymous reads from the
    # database replica (both do nothing on one machine).
    "portal.purge.page_copies_current",
    "portal.replica.AnonymousReadsFromReplica",
    "django.middleware.http.ConditionalGetMiddleware",
    "portal.caching.private_when_signed_in",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL: English unprefixed, Chinese under /zh-hans/.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.admin_site.AdminInStaffLanguage",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.signed_out.say_why_a_form_was_not_saved",
    # Before any view reads the body; after the session, to tell who is signed in, and inside
    # the messages, to say why a form of someone signed out since was not saved.
    "portal.request_size.limit_request_size",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.site_profile",
                "portal.context_processors.shared_fragments",
            ],
        },
    },
]

# The project's own cluster (scripts/db.sh) unless DATABASE_URL names another server.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL")
        or f"postgres://portal:portal@127.0.0.1:{os.environ.get('PORTAL_PG_PORT', '25432')}/portal",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A kept connection is checked at the first query of each request (one round trip), so
        # that the first request of each process after a database restart does not fail.
        conn_health_checks=env_flag("DATABASE_CONN_HEALTH_CHECKS", default=True),
    )
}
# The portal runs many small indexed queries; compiling them (JIT) only adds time.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("DATABASE_TEST_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Several machines: a streaming replica of the database answers anonymous visitors' reads
# (portal.replica), unless it is down or more than this many seconds behind the primary.
DATABASE_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("DATABASE_REPLICA_MAX_LAG_SECONDS", 5))
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=DATABASES["default"]["CONN_HEALTH_CHECKS"],
    )
    # A replica that does not answer at once is skipped rather than waited for.
    DATABASES["replica"]["OPTIONS"] = {"options": "-c jit=off", "connect_timeout": 1}
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["portal.replica.ReplicaRouter"]

# Shared by every server process: rate limits, votes, anything that must be counted once. In
# PostgreSQL on one machine; in Redis on several, when REDIS_URL is set.
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "portal_cache",
    # It holds the sign-in and other limits' counts (some for a day). Past MAX_ENTRIES Django
    # deletes a third of the live entries, the first by key, whatever they count: at the default
    # 300, an hour of a city's failed sign-ins gave a source its tries back. Django counts the
    # table on every write, about 2 ms at this size.
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": DATABASE_CACHE,
    # Each process's own copies of the pages anonymous visitors share (portal.caching).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}
if REDIS_URL:
    CACHES["default"] = {
        # Django's RedisCache, which uses the database cache while Redis cannot be reached.
        "BACKEND": "portal.redis_cache.RedisCacheWithFallback",
        "LOCATION": REDIS_URL,
        "FALLBACK": "database",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    CACHES["database"] = DATABASE_CACHE
# A published change reaches anonymous visitors within PAGE_CACHE_SECONDS from the portal,
# plus PAGE_MAX_AGE_SECONDS more through a shared cache in front of it.
PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", 20))
PAGE_MAX_AGE_SECONDS = int(os.environ.get("PORTAL_PAGE_MAX_AGE_SECONDS", 15))
# With Redis, a change to what anonymous visitors see retires the page copies of every server
# process within a quarter of a second (portal.purge), through a number kept in this cache.
# Without it, each process's copies simply expire.
PAGE_GENERATION_CACHE = "default" if REDIS_URL else None

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.PermissionsInOneQuery",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# A URL name: reversed after signing out, in the language of the page the person left (the
# admin's own sign-out keeps its page).
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# allauth's forms in the portal's words (accounts.forms.PortalFields).
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address finishes signing in, in the browser that created the account (allauth
# keeps the sign-in waiting in that session); a link opened elsewhere leads to the sign-in page.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Someone signed in who confirms an address has changed theirs: they see it on their account.
ACCOUNT_EMAIL_CONFIRMATION_AUTHENTICATED_REDIRECT_URL = "accounts:overview"
ACCOUNT_UNIQUE_EMAIL = True
# One address per account: a new address replaces the old one once it is verified.
ACCOUNT_CHANGE_EMAIL = True
# Changing the address (which then receives password resets) asks for the password again when
# the last sign-in was more than five minutes ago, as two-factor settings and closing do; by
# password or by the authenticator app, not by a code sent to the address being changed.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"
# Counted in the shared database cache, so every server process sees the same attempts.
# "key" is an account and the source of the attempt (accounts/sign_in_failures.py): failures
# from elsewhere never refuse the right password from here.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,60/h/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    "signup": "20/m/ip",
    # Not sign-in: new cases, counted per person by the same limiter (applications.views).
    "submit_case": "10/h/user",
    # Checking a status without an account (applications.status_check): checks that matched
    # nothing, per client address, per reference and per email address, so that nobody can try
    # many of either.
    "status_check": "10/m/ip,30/h/ip",
    "status_check_reference": "10/h/key",
    "status_check_email": "10/h/key",
    # "Is this page useful?", what was missing and problem reports, per client address: enough
    # for a person reading many pages, or an office behind one address, and no flood.
    "page_feedback": "10/m/ip,60/h/ip",
}
# Behind a proxy the client's address is the last one it adds to X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if env_flag("DJANGO_BEHIND_PROXY") else 0
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_FORMS = {
    "authenticate": "accounts.forms.AuthenticateForm",
    "reauthenticate": "accounts.forms.ReauthenticateWithCodeForm",
    "activate_totp": "accounts.forms.ActivateTOTPForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# A code from the 30 s before or after is accepted too (RFC 6238 allows one step): a phone's
# clock drifts, and a code typed just as it changes must not be refused.
MFA_TOTP_TOLERANCE = 1
# Recording every request's activity would add a write to every page.
USERSESSIONS_TRACK_ACTIVITY = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
# The portal's own messages (templates/ and portal/); each app keeps its own in <app>/locale/.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("PORTAL_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Every app server must see every file: on several machines MEDIA_ROOT and
# APPLICATIONS_ATTACHMENT_ROOT are one shared folder, or these name an object store.
STORAGES = {
    # Public uploads: news photos and their sizes.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Applicants' files, never public (APPLICATIONS_ATTACHMENT_ROOT, below).
    "attachments": {"BACKEND": "applications.storage.AttachmentStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Sent in the name of the site profile (portal.mail) unless the variable names someone else.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@cityportal.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every email goes into the outbox (portal.mail) with the change it reports; the mail worker
# sends it through the "delivery" mailer: SMTP, or without an SMTP host, files a person can read.
if os.environ.get("EMAIL_HOST"):
    DELIVERY_MAILER = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ["EMAIL_HOST"],
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_flag("EMAIL_USE_TLS", default=True),
            # The worker waits this long for a silent mail server, then retries later.
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
        },
    }
else:
    DELIVERY_MAILER = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))},
    }
MAILERS = {
    "default": {"BACKEND": "portal.mail.OutboxBackend"},
    "delivery": DELIVERY_MAILER,
}
MAIL_DELIVERY_MAILER = "delivery"
# A failed send is retried after 1, 2, 4 ... minutes, at most 6 hours apart, 40 times: about a
# week. Then the email is marked "Gave up", an error is logged, and staff can send it again.
MAIL_RETRY_SECONDS = 60
MAIL_MAX_RETRY_SECONDS = 6 * 60 * 60
MAIL_MAX_ATTEMPTS = 40

# Security headers. HTTPS-only settings follow DJANGO_HTTPS: on in production,
# off for plain http://127.0.0.1 where signing in must still work.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_flag("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Applications
# Attachments live outside MEDIA_ROOT: they are served only through a view that checks who asks.
APPLICATIONS_ATTACHMENT_ROOT = Path(
    os.environ.get("APPLICATIONS_ATTACHMENT_ROOT", VAR_DIR / "private" / "attachments")
)
APPLICATIONS_MAX_ATTACHMENTS = 5
APPLICATIONS_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
# A photo is decoded at about 4 bytes a pixel, one at a time: 16 megapixels (a 12 MP phone photo
# fits) keep one request under 70 MB of image memory. Larger images are refused before decoding.
APPLICATIONS_MAX_IMAGE_PIXELS = 16_000_000

# News
# Lead photos: the upload limit, and the pixel limit that refuses decompression bombs.
NEWS_MAX_IMAGE_BYTES = 10 * 1024 * 1024
NEWS_MAX_IMAGE_PIXELS = 40_000_000

# Request bodies (portal/request_size.py): above the largest legitimate request, an application
# with its five attachments (25 MB) and its fields; anyone not signed in sends only small forms.
PORTAL_MAX_REQUEST_BYTES = 32 * 1024 * 1024
PORTAL_MAX_ANONYMOUS_REQUEST_BYTES = 1024 * 1024
# Django's own limits, stated here: form fields other than files may hold 2.5 MB in all, and a
# file over 2.5 MB is spooled to a temporary file rather than held in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
