"""The pages the benchmark measures, what each request asks for, the sessions of the people who
see them signed in, and the SQL queries each page runs.

Real traffic is a long tail: most articles are read rarely, nearly every search is different, and
every citizen looks at their own pages. So apart from the pages everyone sees (home, news, FAQ),
the benchmark never asks for the same thing twice in a row: articles are drawn from 2,000 of the
sitemap's addresses, each search is two words that no other request asked for, and signed-in
requests take turns among 200 citizens' and 50 caseworkers' sessions.
"""

import random
import re
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

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
from applications.statuses import ApplicationStatus
from news.models import Article

from . import chinese_text, dataset

REFERENCE_FILE = "bench-reference.html"
ADMIN_APPLICATIONS = "/admin/applications/application/"
SITEMAP_ARTICLES = 2_000
# Searches made ready: more than any run asks for, so that no search is asked twice.
SEARCHES = 40_000
ADMIN_REFERENCES = 2_000
# Of those, searches with a letter left out of a word, as people mistype: most find nothing, and
# the search then corrects their words ("Did you mean").
MISSPELT_SEARCHES = 5_000
# Chinese searches: one subject, or a subject and a second word (scripts/bench/chinese_text.py).
CHINESE_SEARCHES = 1_500
# What a browser says it accepts: the portal compresses the pages it shares.
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br"}
SEED = 2026


@dataclass
class Page:
    key: str
    name: str
    path: str  # the address, or an example of them
    who: str = ""  # "citizen" or "caseworker" when signed in
    server: str = "gunicorn"  # "nginx", or "gunicorn without health checks"
    # Latency targets are about one person's request, measured one request at a time; the
    # throughput figures load the server with every connection.
    connections: int = 0
    # How each request is chosen (scripts/bench/wrk.lua): the "same" address every time, the
    # `requests` in turn ("cycle"), or drawn from them, the first far more often ("skewed").
    draw: str = "same"
    requests: list = field(default_factory=list)  # (path, who) pairs, who a session's name
    # No address is asked twice (a request that comes round again gets &n=...).
    unique: bool = False
    # Whether the portal's page cache could answer a request: "yes" (anonymous, the same address
    # again), "popular ones" or "no" (signed in, or an address never asked before).
    cache: str = "no"


def benchmark_pages(sessions):
    article = Article.objects.select_related("channel").get(pk=dataset.SIZES["articles"] // 2)
    citizens = [who for who in sessions if who.startswith("citizen")]
    caseworkers = [who for who in sessions if who.startswith("caseworker")]
    newest = newest_applications(citizens)
    searches = two_word_searches()
    references = admin_references()
    articles = sitemap_articles()
    # Each run of searches gets its own: the one at a time run asks none the other asked.
    misspelt = [misspelt_search(words) for words in searches[-MISSPELT_SEARCHES:]]
    searches = searches[:-MISSPELT_SEARCHES]
    search_requests = [(f"/search/?{urlencode({'q': words})}", "") for words in searches]
    half = len(search_requests) // 2
    chinese_searches = [
        (f"/zh-hans/search/?{urlencode({'q': words})}", "")
        for words in chinese_text.searches(CHINESE_SEARCHES)
    ]
    statuses = [
        ApplicationStatus.RECEIVED,
        ApplicationStatus.PROCESSING,
        ApplicationStatus.ACTION_REQUIRED,
    ]

    def every_citizen(key, name, path, **more):
        """The same address for each citizen in turn, in their own session."""
        return Page(
            key,
            name,
            path,
            who="citizen",
            draw="cycle",
            requests=[(path, who) for who in citizens],
            **more,
        )

    return [
        Page("reference", "Trivial view (reference)", "/bench/reference/", cache="no"),
        # The least a page in the portal's layout costs, anonymous and signed in (no kept copy).
        Page("layout", "The layout with nothing in it (never kept)", "/bench/layout/"),
        Page("home", "Home", "/", cache="yes"),
        Page("news", "News list", "/news/", cache="yes"),
        Page("channel", "Channel, page 50", "/news/transport/?page=50", cache="yes"),
        Page("article", "One article, again and again", article.get_absolute_url(), cache="yes"),
        Page(
            "articles",
            f"Articles, {len(articles):,} from the sitemap, popular ones more often",
            articles[0],
            draw="skewed",
            requests=[(path, "") for path in articles],
            cache="popular ones",
        ),
        Page("faq", "FAQ", "/faq/", cache="yes"),
        Page(
            "nginx_static",
            "nginx: static file (reference)",
            f"/static/{REFERENCE_FILE}",
            server="nginx",
            cache="",
        ),
        Page("nginx_home", "nginx: home, micro-cache", "/", server="nginx", cache="yes"),
        Page(
            "search",
            "Search, two words, each search different",
            search_requests[0][0],
            draw="cycle",
            requests=search_requests[:half],
            unique=True,
        ),
        Page(
            "search_alone",
            "Search, each different, one request at a time",
            search_requests[half][0],
            draw="cycle",
            requests=search_requests[half:],
            unique=True,
            connections=1,
        ),
        Page(
            "search_misspelt_alone",
            "Search with a misspelt word, each different, one request at a time",
            f"/search/?{urlencode({'q': misspelt[0]})}",
            draw="cycle",
            requests=[(f"/search/?{urlencode({'q': words})}", "") for words in misspelt],
            unique=True,
            connections=1,
        ),
        Page(
            "search_chinese_alone",
            "Search in Chinese, each different, one request at a time",
            chinese_searches[0][0],
            draw="cycle",
            requests=chinese_searches,
            unique=True,
            connections=1,
        ),
        every_citizen(
            "layout_signed_in",
            f"The layout with nothing in it, signed in ({len(citizens)} citizens in turn)",
            "/bench/layout/",
        ),
        every_citizen("home_signed_in", f"Home, signed in ({len(citizens)} citizens in turn)", "/"),
        every_citizen(
            "applications",
            f"My applications (1,000 each, {len(citizens)} citizens)",
            "/applications/",
        ),
        Page(
            "application",
            f"One application ({len(citizens)} citizens, each their own)",
            newest[citizens[0]],
            who="citizen",
            draw="cycle",
            requests=[(newest[who], who) for who in citizens],
        ),
        Page(
            "admin_status",
            f"Admin: applications by status ({len(caseworkers)} caseworkers)",
            f"{ADMIN_APPLICATIONS}?status__exact=processing",
            who="caseworker",
            draw="cycle",
            requests=[
                (f"{ADMIN_APPLICATIONS}?status__exact={status}", who)
                for who in caseworkers
                for status in statuses
            ],
        ),
        Page(
            "admin_reference",
            "Admin: search by reference, each different",
            f"{ADMIN_APPLICATIONS}?q={references[0]}",
            who="caseworker",
            draw="cycle",
            requests=[
                (f"{ADMIN_APPLICATIONS}?q={reference}", caseworkers[n % len(caseworkers)])
                for n, reference in enumerate(references)
            ],
        ),
        Page(
            "admin_mine",
            "Admin: assigned to me (each caseworker their own)",
            f"{ADMIN_APPLICATIONS}?assigned=me",
            who="caseworker",
            draw="cycle",
            requests=[(f"{ADMIN_APPLICATIONS}?assigned=me", who) for who in caseworkers],
        ),
        # The cost of Django's connection health check (DATABASE_CONN_HEALTH_CHECKS): a light
        # page that reads the database for every request (signed in, so no kept copy answers),
        # with the check and from a server without it.
        every_citizen(
            "services", "Services, signed in (a light page), health checks on", "/services/"
        ),
        every_citizen(
            "services_unchecked",
            "Services, signed in, health checks off",
            "/services/",
            server="gunicorn without health checks",
        ),
        # Measured again last: a machine that got faster or slower meanwhile shows here.
        Page("reference_again", "Trivial view, again at the end", "/bench/reference/", cache="no"),
    ]


def sitemap_articles():
    """SITEMAP_ARTICLES article addresses from the sitemap, in a random order of popularity."""
    client = Client(SERVER_NAME="127.0.0.1")
    sections = locations(client, reverse("sitemap"))
    news = [url for url in sections if "sitemap-news.xml" in url]
    # Some of the sections, evenly spread: old articles and new ones.
    picked = news[:: max(1, len(news) // 5)]
    addresses = [url for section in picked for url in locations(client, section)]
    rng = random.Random(SEED)
    return [urlsplit(url).path for url in rng.sample(addresses, SITEMAP_ARTICLES)]


def locations(client, url):
    parts = urlsplit(url)
    response = client.get(parts.path, dict(re.findall(r"(\w+)=([^&]*)", parts.query)))
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}, not 200.")
    return [
        element.text
        for element in ElementTree.fromstring(response.content).iter()
        if element.tag.endswith("}loc")
    ]


def two_word_searches():
    """SEARCHES different two-word searches, the words taken from titles of random articles."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title FROM news_article TABLESAMPLE SYSTEM (20) REPEATABLE (%s) LIMIT %s",
            [SEED, SEARCHES],
        )
        titles = [row[0] for row in cursor.fetchall()]
        words = sorted({word for title in titles for word in re.findall(r"[\w'-]+", title)})
        # Words that full-text search leaves out ("the", "for") make no two-word search.
        cursor.execute(
            "SELECT word FROM unnest(%s::text[]) AS word WHERE numnode(plainto_tsquery(word)) > 0",
            [words],
        )
        searchable = {row[0] for row in cursor.fetchall()}
    rng = random.Random(SEED)
    searches = {}
    for _ in range(10):
        for title in titles:
            candidates = [word for word in re.findall(r"[\w'-]+", title) if word in searchable]
            if len(candidates) >= 2:
                pair = " ".join(rng.sample(candidates, 2)).lower()
                searches.setdefault(pair, None)
        if len(searches) >= SEARCHES:
            break
    searches = list(searches)
    rng.shuffle(searches)
    return searches[:SEARCHES]


def misspelt_search(words):
    """The search with an inner letter of its longest word left out ("parking" -> "parkng")."""
    longest = max(words.split(), key=len)
    position = random.Random(words).randrange(1, len(longest) - 1) if len(longest) > 2 else 0
    mistyped = longest[:position] + longest[position + 1 :]
    return words.replace(longest, mistyped, 1)


def admin_references():
    rng = random.Random(SEED)
    ids = rng.sample(range(1, dataset.SIZES["applications"] + 1), ADMIN_REFERENCES)
    return list(Application.objects.filter(pk__in=ids).values_list("reference", flat=True))


def newest_applications(citizens):
    """Each citizen's newest application's address."""
    newest = {}
    for who in citizens:
        number = int(who.removeprefix("citizen"))
        application = (
            Application.objects.for_user(dataset.FIRST_CITIZEN_ID + number - 1)
            .newest_first()
            .only("reference")
            .first()
        )
        newest[who] = application.get_absolute_url()
    return newest


def signed_in_sessions():
    """A session key for each of the data set's citizens and caseworkers; caseworkers also enter
    a code from their authenticator: the admin opens only in a session that passed one."""
    people = [
        (f"citizen{n}", dataset.CITIZEN_EMAIL.format(n))
        for n in range(1, dataset.SIZES["citizens"] + 1)
    ] + [
        (f"caseworker{n}", dataset.CASEWORKER_EMAIL.format(n))
        for n in range(1, dataset.SIZES["caseworkers"] + 1)
    ]
    users = get_user_model().objects.in_bulk([email for _, email in people], field_name="email")
    sessions = {}
    for who, email in people:
        user = users[email]
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


def cookie(session_key):
    return f"{settings.SESSION_COOKIE_NAME}={session_key}" if session_key else ""


def count_queries(page, sessions):
    """SQL queries of a first and of a second (warm) request, made in this process; where the
    page takes turns among addresses or people, the second request is the next one."""
    client = Client(SERVER_NAME="127.0.0.1")
    requests = page.requests or [(page.path, "")]
    counts = []
    for number in range(2):
        path, who = requests[number % len(requests)]
        client.cookies.clear()
        if who:
            client.cookies[settings.SESSION_COOKIE_NAME] = sessions[who]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{page.name}: {path} answered {response.status_code}, not 200.")
        counts.append(len(queries))
    return counts
