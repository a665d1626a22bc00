"""The benchmark's city-sized data set, built with bulk SQL in a database of its own.

The database is made with the project's migrations, then filled by PostgreSQL itself
(INSERT ... SELECT over generate_series), in chunks so that each step can show its progress. The
text comes from small pools (text.py) that PostgreSQL combines at random. A row in bench_dataset
records which version of the builder made the data and how long each step took: a later run reuses
a complete data set of the same version and only applies new migrations.
"""

import time

import psycopg2
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection
from django.utils import timezone

from applications.models import Service
from faq.models import Question, Topic
from news.models import Channel

from . import cases, chinese_text, text
from .dataset import (
    CASEWORKER_EMAIL,
    CITIZEN_EMAIL,
    DATASET_VERSION,
    FIRST_CASEWORKER_ID,
    FIRST_CITIZEN_ID,
    PASSWORD,
    SIZES,
)
from .steps import execute, in_chunks, indexes_built_afterwards, pool_sizes, say, step


def server_connection(database="postgres"):
    db = settings.DATABASES["default"]
    return psycopg2.connect(
        dbname=database,
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )


def database_exists(name):
    server = server_connection()
    try:
        with server.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return cursor.fetchone() is not None
    finally:
        server.close()


def recorded_dataset(name):
    """The bench_dataset row of a complete data set, or None."""
    if not database_exists(name):
        return None
    database = server_connection(name)
    try:
        with database.cursor() as cursor:
            cursor.execute("SELECT to_regclass('bench_dataset') IS NOT NULL")
            if not cursor.fetchone()[0]:
                return None
            cursor.execute(
                "SELECT version, sizes, timings, completed_at FROM bench_dataset "
                "WHERE completed_at IS NOT NULL ORDER BY completed_at DESC LIMIT 1"
            )
            row = cursor.fetchone()
    finally:
        database.close()
    if row is None:
        return None
    version, sizes, timings, completed_at = row
    return {"version": version, "sizes": sizes, "timings": timings, "completed_at": completed_at}


def recreate_database(name):
    connection.close()
    server = server_connection()
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            # The name is ours (a setting), never user input; identifiers cannot be parameters.
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        server.close()


def prepare(*, rebuild):
    """Make sure the benchmark database holds a complete data set; return what it holds."""
    name = settings.DATABASES["default"]["NAME"]
    dataset = None if rebuild else recorded_dataset(name)
    if dataset and dataset["version"] != DATASET_VERSION:
        say(f"The data set in {name} is version {dataset['version']}; rebuilding it.")
    elif dataset:
        say(f"Reusing the data set in {name} (built {dataset['completed_at']:%Y-%m-%d %H:%M}).")
        try:
            bring_up_to_date()
        except DatabaseError as error:
            # A migration that was applied here has since been changed or renamed.
            say(f"The project's migrations no longer apply to {name} ({error}); rebuilding it.")
        else:
            return {**dataset, "reused": True}
    say(f"Building the benchmark data set in {name}:")
    timings = build(name)
    return {
        "version": DATASET_VERSION,
        "sizes": SIZES,
        "timings": timings,
        "completed_at": timezone.now(),
        "reused": False,
    }


def bring_up_to_date():
    timings = {}
    with step("migrate", timings):
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
    with step("analyze", timings):
        execute("ANALYZE")


def build(name):
    timings = {}
    started = time.monotonic()
    with step("create database", timings):
        recreate_database(name)
    with step("migrate", timings):
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
    execute("SET maintenance_work_mem = '512MB'")
    execute("SET work_mem = '64MB'")
    now = timezone.now().replace(microsecond=0)
    with step("text pools", timings):
        fill_text_pools()
    with step("users", timings):
        add_users(now)
    with step("channels, topics, services", timings):
        add_small_tables()
    # The database writes each article's search entry as the article is inserted (a trigger).
    with (
        indexes_built_afterwards("news_article", "article indexes", timings),
        indexes_built_afterwards("news_articlesearchentry", "search entry index", timings),
    ):
        in_chunks(
            "news articles",
            SIZES["articles"],
            10_000,
            ARTICLES_SQL,
            {
                "now": now,
                "total": SIZES["articles"],
                "chinese_every": SIZES["chinese_articles_every"],
                **pool_sizes(),
            },
            timings,
        )
    with step("faq questions", timings):
        add_questions()
    cases.add_applications(now, timings)
    cases.add_inquiries(now, timings)
    with step("sequences", timings):
        advance_sequences()
    check_counts()
    with step("vacuum analyze", timings):
        execute("DROP TABLE bench_text, bench_path")
        execute("VACUUM ANALYZE")
    timings["total"] = round(time.monotonic() - started, 1)
    record(now, timings)
    return timings


def fill_text_pools():
    execute(
        "CREATE UNLOGGED TABLE bench_text (pool text, channel int, n int, body text, slug text, "
        "PRIMARY KEY (pool, channel, n))"
    )
    rows = []
    for channel, pool in enumerate(text.channel_pools()):
        for kind in ("paragraphs", "summaries"):
            rows += [(kind, channel, n, body, "") for n, body in enumerate(pool[kind])]
        rows += [
            ("titles", channel, n, title, text.slug_for(title))
            for n, title in enumerate(pool["titles"])
        ]
    for kind, bodies in [
        ("general", text.general_paragraphs()),
        ("headings", text.HEADINGS),
        ("details", text.application_details()),
        ("subjects", text.inquiry_subjects()),
        *((f"zh_{kind}", bodies) for kind, bodies in chinese_text.pools().items()),
    ]:
        rows += [(kind, 0, n, body, "") for n, body in enumerate(bodies)]
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO bench_text VALUES (%s, %s, %s, %s, %s)", rows)
    execute("ANALYZE bench_text")


def add_users(now):
    # One password hash for everyone: hashing is slow on purpose.
    password = make_password(PASSWORD)
    execute(
        """
        INSERT INTO accounts_user (id, password, is_superuser, email, full_name,
                                   contact_language, is_staff, is_active, date_joined)
        SELECT i, %(password)s, false, 'resident' || i || '@bench.cityportal.example',
               (%(given)s::text[])[1 + i %% 30] || ' ' || (%(family)s::text[])[1 + i / 30 %% 30],
               CASE WHEN i %% 4 = 0 THEN 'zh-hans' ELSE 'en' END, false, true,
               %(now)s - interval '10 years' * (1 - i::float / %(users)s)
        FROM generate_series(1, %(users)s) AS i
        """,
        {
            "password": password,
            "given": text.GIVEN_NAMES,
            "family": text.FAMILY_NAMES,
            "users": SIZES["users"],
            "now": now,
        },
    )
    citizens = [
        (FIRST_CITIZEN_ID + n, CITIZEN_EMAIL.format(n + 1), f"Citizen {n + 1}")
        for n in range(SIZES["citizens"])
    ]
    staff = [
        (FIRST_CASEWORKER_ID + n, CASEWORKER_EMAIL.format(n + 1), f"Caseworker {n + 1}")
        for n in range(SIZES["caseworkers"])
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO accounts_user (id, password, is_superuser, email, full_name, "
            "contact_language, is_staff, is_active, date_joined) "
            "VALUES (%s, %s, false, %s, %s, 'en', %s, true, %s)",
            [(pk, password, email, name, False, now) for pk, email, name in citizens]
            + [(pk, password, email, name, True, now) for pk, email, name in staff],
        )
    execute(
        'INSERT INTO account_emailaddress (user_id, email, verified, "primary") '
        "SELECT id, email, true, true FROM accounts_user"
    )
    execute(
        "INSERT INTO accounts_user_groups (user_id, group_id) "
        "SELECT u.id, g.id FROM accounts_user u, auth_group g "
        "WHERE u.is_staff AND g.name = 'Caseworkers'"
    )
    # Staff must use two-factor authentication to open the admin (portal/admin_site.py).
    for user in get_user_model().objects.filter(is_staff=True):
        TOTP.activate(user, generate_totp_secret())


def add_small_tables():
    Channel.objects.bulk_create(
        Channel(
            id=n + 1,
            name=name,
            slug=slug,
            position=n + 1,
            description=f"News from the city about {topics[0]}, {topics[1]} and more.",
        )
        for n, (name, slug, _, topics) in enumerate(text.CHANNELS)
    )
    Topic.objects.bulk_create(
        Topic(id=n + 1, name=name, slug=slug, position=n + 1)
        for n, (name, slug, _, _) in enumerate(text.FAQ_TOPICS)
    )
    Service.objects.bulk_create(
        Service(
            id=n + 1,
            name=name,
            slug=text.slug_for(name),
            summary=f"Apply for a {name.lower()} online.",
            description=f"Residents and businesses of the city can apply for a {name.lower()}.",
            what_to_provide="Your address and the documents the caseworker asks for.",
            processing_days=days,
            is_open=name not in text.CLOSED_SERVICES,
        )
        for n, (name, days) in enumerate(text.SERVICES)
    )


# Channel n has id n + 1. An article has a lead paragraph, a sub-heading and five more
# paragraphs, one of them from the general pool; publish times run evenly over ten years. One in
# `chinese_every` has a Chinese version: a title, a summary and three paragraphs.
ARTICLES_SQL = """
INSERT INTO news_article (id, title, slug, channel_id, summary, body, image, image_alt,
                          image_caption, source, status, publish_at, featured, created_at,
                          updated_at, title_zh_hans, summary_zh_hans, body_zh_hans,
                          image_alt_zh_hans, image_caption_zh_hans, source_zh_hans)
SELECT a.i, title.body, title.slug || '-' || a.i, a.channel + 1, summary.body,
       '<p>' || lead.body || '</p><h2>' || heading.body || '</h2><p>' || second.body
       || '</p><p>' || third.body || '</p><p>' || general.body || '</p><p>' || fourth.body
       || '</p><p>' || fifth.body || '</p>',
       '', '', '', 'City news service', 'published', a.publish_at, a.i %% 200 = 0,
       a.publish_at, a.publish_at,
       CASE WHEN a.chinese THEN zh_title.body ELSE '' END,
       CASE WHEN a.chinese THEN zh_summary.body ELSE '' END,
       CASE WHEN a.chinese THEN '<p>' || zh_lead.body || '</p><p>' || zh_second.body
            || '</p><p>' || zh_third.body || '</p>' ELSE '' END,
       '', '', CASE WHEN a.chinese THEN '城市新闻社' ELSE '' END
FROM (
    SELECT i, i %% 20 AS channel, i %% %(chinese_every)s = 0 AS chinese,
           floor(random() * %(zh_titles_count)s) AS zh_title,
           floor(random() * %(zh_summaries_count)s) AS zh_summary,
           floor(random() * %(zh_paragraphs_count)s) AS zh_lead,
           floor(random() * %(zh_paragraphs_count)s) AS zh_second,
           floor(random() * %(zh_paragraphs_count)s) AS zh_third,
           floor(random() * %(titles_count)s) AS title,
           floor(random() * %(summaries_count)s) AS summary,
           floor(random() * %(paragraphs_count)s) AS lead,
           floor(random() * %(headings_count)s) AS heading,
           floor(random() * %(paragraphs_count)s) AS second,
           floor(random() * %(paragraphs_count)s) AS third,
           floor(random() * %(general_count)s) AS general,
           floor(random() * %(paragraphs_count)s) AS fourth,
           floor(random() * %(paragraphs_count)s) AS fifth,
           %(now)s - interval '10 years' * (%(total)s - i + random()) / %(total)s AS publish_at
    FROM generate_series(%(first)s, %(last)s) AS i
) AS a
JOIN bench_text title ON (title.pool, title.channel, title.n) = ('titles', a.channel, a.title)
JOIN bench_text summary
    ON (summary.pool, summary.channel, summary.n) = ('summaries', a.channel, a.summary)
JOIN bench_text lead ON (lead.pool, lead.channel, lead.n) = ('paragraphs', a.channel, a.lead)
JOIN bench_text heading ON (heading.pool, heading.channel, heading.n) = ('headings', 0, a.heading)
JOIN bench_text second
    ON (second.pool, second.channel, second.n) = ('paragraphs', a.channel, a.second)
JOIN bench_text third ON (third.pool, third.channel, third.n) = ('paragraphs', a.channel, a.third)
JOIN bench_text general
    ON (general.pool, general.channel, general.n) = ('general', 0, a.general)
JOIN bench_text fourth
    ON (fourth.pool, fourth.channel, fourth.n) = ('paragraphs', a.channel, a.fourth)
JOIN bench_text fifth ON (fifth.pool, fifth.channel, fifth.n) = ('paragraphs', a.channel, a.fifth)
JOIN bench_text zh_title
    ON (zh_title.pool, zh_title.channel, zh_title.n) = ('zh_titles', 0, a.zh_title)
JOIN bench_text zh_summary
    ON (zh_summary.pool, zh_summary.channel, zh_summary.n) = ('zh_summaries', 0, a.zh_summary)
JOIN bench_text zh_lead
    ON (zh_lead.pool, zh_lead.channel, zh_lead.n) = ('zh_paragraphs', 0, a.zh_lead)
JOIN bench_text zh_second
    ON (zh_second.pool, zh_second.channel, zh_second.n) = ('zh_paragraphs', 0, a.zh_second)
JOIN bench_text zh_third
    ON (zh_third.pool, zh_third.channel, zh_third.n) = ('zh_paragraphs', 0, a.zh_third)
"""


def add_questions():
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    Question.objects.bulk_create(
        (
            Question(
                topic=topics[topic_slug],
                question=question,
                slug=slug,
                answer=answer,
                answer_text=answer_text,
                position=n,
                featured=n % 100 < 2,
                published=True,
            )
            for n, (topic_slug, question, slug, answer, answer_text) in enumerate(
                text.faq_questions(per_topic=SIZES["faq_questions"] // SIZES["faq_topics"])
            )
        ),
        batch_size=500,
    )


SEQUENCES_SQL = """
SELECT setval('applications_application_reference_seq',
              (SELECT max(reference)::bigint FROM applications_application));
SELECT setval('applications_inquiry_reference_seq',
              (SELECT max(reference)::bigint FROM applications_inquiry));
"""


def advance_sequences():
    """References and ids continue after the inserted rows, as if they had been made one by one."""
    execute(SEQUENCES_SQL)
    tables = [
        "accounts_user",
        "account_emailaddress",
        "news_channel",
        "news_article",
        "faq_topic",
        "faq_question",
        "applications_service",
        "applications_application",
        "applications_answer",
        "applications_applicationstatuschange",
        "applications_inquiry",
        "applications_inquirystatuschange",
    ]
    for table in tables:
        execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )


def check_counts():
    expected = {
        "news_article": SIZES["articles"],
        "faq_question": SIZES["faq_questions"],
        "accounts_user": SIZES["users"] + SIZES["citizens"] + SIZES["caseworkers"],
        "applications_application": SIZES["applications"]
        + SIZES["citizens"] * SIZES["applications_per_citizen"],
        "applications_inquiry": SIZES["inquiries"]
        + SIZES["citizens"] * SIZES["inquiries_per_citizen"],
    }
    expected["news_articlesearchentry WHERE title_zh_hans <> ''"] = (
        SIZES["articles"] // SIZES["chinese_articles_every"]
    )
    for table, count in expected.items():
        found = execute(f"SELECT count(*) FROM {table}")[0][0]
        if found != count:
            raise RuntimeError(f"{table} has {found:,} rows instead of {count:,}.")


def record(now, timings):
    execute(
        # json, not jsonb: the steps stay in the order they ran.
        "CREATE TABLE bench_dataset (version text NOT NULL, sizes json NOT NULL, "
        "timings json NOT NULL, started_at timestamptz NOT NULL, completed_at timestamptz)"
    )
    encode = DjangoJSONEncoder().encode
    execute(
        "INSERT INTO bench_dataset VALUES (%s, %s, %s, %s, now())",
        [DATASET_VERSION, encode(SIZES), encode(timings), now],
    )
