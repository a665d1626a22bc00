"""The pages the benchmark measures, the sessions of the people who see them signed in, and the
SQL queries each page runs."""

import time
from dataclasses import dataclass
from urllib.parse import urlencode

from allauth.mfa import app_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import Application
from news.models import Article

from . import dataset

REFERENCE_FILE = "bench-reference.html"
SEARCH_WORDS = "bus timetable"
ADMIN_APPLICATIONS = "/admin/applications/application/"


@dataclass
class Page:
    key: str
    name: str
    path: str
    who: str = ""  # "citizen" or "caseworker" when signed in
    server: str = "gunicorn"  # or "nginx"
    # Latency targets are about one person's request, measured one request at a time; the
    # throughput figures load the server with every connection.
    connections: int = 0
    # A different address for each request (&n=...): the page is made every time, never
    # answered from the copy kept for anonymous visitors.
    unique: bool = False


def benchmark_pages():
    article = Article.objects.select_related("channel").get(pk=dataset.SIZES["articles"] // 2)
    newest = Application.objects.for_user(dataset.CITIZEN_ID).newest_first().first()
    someone_elses = Application.objects.get(pk=dataset.SIZES["applications"] * 2 // 3)
    return [
        Page("reference", "Trivial view (reference)", "/bench/reference/"),
        Page("home", "Home", "/"),
        Page("news", "News list", "/news/"),
        Page("channel", "Channel, page 50", "/news/transport/?page=50"),
        Page("article", "Article", article.get_absolute_url()),
        Page("faq", "FAQ", "/faq/"),
        Page(
            "nginx_static",
            "nginx: static file (reference)",
            f"/static/{REFERENCE_FILE}",
            server="nginx",
        ),
        Page("nginx_home", "nginx: home, micro-cache", "/", server="nginx"),
        Page(
            "search",
            "Search (two words)",
            f"/search/?{urlencode({'q': SEARCH_WORDS})}",
            unique=True,
        ),
        Page("home_signed_in", "Home, signed in", "/", who="citizen"),
        Page("applications", "My applications (1,000)", "/applications/", who="citizen"),
        Page("application", "One application", newest.get_absolute_url(), who="citizen"),
        Page(
            "admin_status",
            "Admin: applications by status",
            f"{ADMIN_APPLICATIONS}?status=processing",
            who="caseworker",
        ),
        Page(
            "admin_reference",
            "Admin: search by reference",
            f"{ADMIN_APPLICATIONS}?q={someone_elses.reference}",
            who="caseworker",
        ),
        Page(
            "search_alone",
            "Search (two words), one request at a time",
            f"/search/?{urlencode({'q': SEARCH_WORDS})}",
            connections=1,
            unique=True,
        ),
        Page(
            "admin_reference_alone",
            "Admin: search by reference, one request at a time",
            f"{ADMIN_APPLICATIONS}?q={someone_elses.reference}",
            who="caseworker",
            connections=1,
        ),
        # Measured again last: a machine that got faster or slower meanwhile shows here.
        Page("reference_again", "Trivial view, again at the end", "/bench/reference/"),
    ]


def signed_in_sessions():
    """A session key for the demo citizen and the caseworker, who also enters a code from their
    authenticator: the admin opens only in a session that passed one."""
    sessions = {}
    for who, email in [
        ("citizen", dataset.CITIZEN_EMAIL),
        ("caseworker", dataset.CASEWORKER_EMAIL),
    ]:
        user = get_user_model().objects.get(email=email)
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(user)
        if user.is_staff:
            enter_authenticator_code(client, user)
        sessions[who] = client.session.session_key
    return sessions


def enter_authenticator_code(client, user):
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = get_adapter().decrypt(authenticator.data["secret"])
    code = format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
    response = client.post(reverse("mfa_reauthenticate"), {"code": code})
    if response.status_code != 302:
        raise SystemExit(f"{user.email} could not enter an authenticator code; try again in 90 s.")


def unique_address(path, tag):
    """The address with one more parameter, so that no kept copy answers it (as in wrk.lua)."""
    return f"{path}{'&' if '?' in path else '?'}n={tag}"


def count_queries(page, session_key):
    """SQL queries of a first and of a second (warm) request, made in this process."""
    client = Client(SERVER_NAME="127.0.0.1")
    if session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    counts = []
    for number in range(1, 3):
        path = unique_address(page.path, f"{page.key}-{number}") if page.unique else page.path
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{page.name}: {page.path} answered {response.status_code}, not 200.")
        counts.append(len(queries))
    return counts
