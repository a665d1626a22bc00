"""What the portal must do on several machines, shown on the running cluster: two app nodes
behind nginx, a PostgreSQL primary with a streaming replica, Redis (`make cluster-test`)."""

import os
import threading
import time
import uuid
from datetime import timedelta

import psycopg2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications.services import inquiry_change_status
from news.models import Article
from tests.factories import make_inquiry, make_staff
from tests.html import headings, text
from tests.images import image_bytes
from tests.staff import current_code

from .conftest import sign_in, unique_email, wait_for
from .visitor import Visitor

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
MISMATCH = "The email address or password is not correct."
TOO_MANY = "Too many failed attempts to sign in with this email address."
ANONYMOUS_PAGES = ["/", "/news/", "/faq/", "/services/", "/status/applications/"]


def fresh(path):
    """An address no copy is kept of, here or in nginx: the page is read from the database."""
    return f"{path}?n={uuid.uuid4().hex}"


def test_a_session_made_through_node_1_works_on_node_2(urls, citizen, visitor):
    sign_in(visitor, urls["node1"], citizen)

    page = visitor.get(f"{urls['node2']}/applications/")

    assert page.status == 200
    assert page.url == f"{urls['node2']}/applications/"  # not sent to sign in
    assert "My applications" in headings(page.html)


def test_a_rate_limit_counts_requests_made_through_both_nodes(urls):
    email = unique_email("nobody")

    def sign_in_through(node, password):
        visitor = Visitor()
        page = visitor.get(f"{urls[node]}/accounts/login/")
        return text(visitor.submit(page, {"login": email, "password": password}).html)

    for attempt in range(5):
        assert MISMATCH in sign_in_through(("node1", "node2")[attempt % 2], "guess")

    assert TOO_MANY in sign_in_through("node2", "guess")
    assert TOO_MANY in sign_in_through("node1", "guess")


def channel_choice(page):
    select = page.soup.select_one("select[name=channel]")
    return next(option["value"] for option in select.select("option") if option.get("value"))


def test_an_article_published_through_node_1_is_seen_through_node_2_and_nginx_within_2_s(
    urls, editor, visitor
):
    title = f"Night ferries run until 2 am, {uuid.uuid4().hex[:8]}"
    readers = {"node2": Visitor(), "nginx": Visitor()}
    for name, reader in readers.items():  # both keep a copy of the page without it
        assert title not in reader.get(f"{urls[name]}/news/").html
    kept = readers["nginx"].get(f"{urls['nginx']}/news/").headers["X-Cache-Status"]
    assert kept in ("HIT", "UPDATING")

    sign_in(visitor, urls["node1"], editor, code=lambda: current_code(editor.totp_secret))
    form = visitor.get(f"{urls['node1']}/admin/news/article/add/")
    now = timezone.localtime() - timedelta(minutes=1)
    saved = visitor.submit(
        form,
        {
            "title": title,
            "slug": f"night-ferries-{uuid.uuid4().hex[:8]}",
            "channel": channel_choice(form),
            "summary": "The ferries across the Huangpu run later from next week.",
            "body": "<p>From next week the last ferry leaves at 2 am.</p>",
            "image_alt": "A ferry on the river at night",
            "status": "published",
            "publish_at_0": now.strftime("%Y-%m-%d"),
            "publish_at_1": now.strftime("%H:%M:%S"),
        },
        files={"image": SimpleUploadedFile("ferry.jpg", image_bytes(size=(1200, 800)))},
        selector="#article_form",
    )
    published = time.monotonic()
    assert "was added successfully" in text(saved.html), text(saved.html)

    seen = {}
    while len(seen) < len(readers) and time.monotonic() - published < 2:
        for name, reader in readers.items():
            if name not in seen and title in reader.get(f"{urls[name]}/news/").html:
                seen[name] = time.monotonic() - published
        time.sleep(0.05)
    assert set(seen) == {"node2", "nginx"}, f"seen within 2 s: {seen}"

    article = Article.objects.get(title=title)
    photo = readers["node2"].get(f"{urls['node2']}{article.get_absolute_url()}")
    size = photo.soup.select_one("main img")["src"]
    assert readers["node2"].get(f"{urls['node2']}{size}").status == 200  # made by node 1


def test_a_file_uploaded_through_node_1_downloads_through_node_2(urls, citizen, visitor):
    sign_in(visitor, urls["node1"], citizen)
    form = visitor.get(f"{urls['node1']}/inquiries/new/")

    sent = visitor.submit(
        form,
        {"subject": "Parking permit", "message": "Is my permit valid in Pudong?"},
        files={"attachments": SimpleUploadedFile("permit.pdf", PDF, "application/pdf")},
    )
    link = sent.soup.select_one("main a[href*='/attachments/']")["href"]
    download = visitor.get(f"{urls['node2']}{link}")

    assert download.status == 200
    assert download.body == PDF


def replica_as_superuser(statement):
    connection = psycopg2.connect(f"{os.environ['CLUSTER_REPLICA_SOCKET']} user=postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


@pytest.fixture
def replica_paused():
    """The replica stops replaying the primary's changes (it still receives them)."""

    def pause():
        replica_as_superuser("SELECT pg_wal_replay_pause()")

    yield pause
    replica_as_superuser("SELECT pg_wal_replay_resume()")


def on_replica(sql, parameters=()):
    """What the replica holds, asked as the nodes ask it."""
    connection = psycopg2.connect(
        f"{os.environ['CLUSTER_REPLICA_SOCKET']} user=portal dbname=portal"
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, parameters)
            return cursor.fetchall()
    finally:
        connection.close()


def test_anonymous_visitors_are_answered_from_the_replica(urls):
    for node in ("node1", "node2"):
        for _ in range(4):
            assert Visitor().get(f"{urls[node]}{fresh('/faq/')}").status == 200

    last_queries = on_replica(
        "SELECT query FROM pg_stat_activity WHERE usename = 'portal' AND pid <> pg_backend_pid()"
    )
    assert any("faq_question" in query for (query,) in last_queries)


def test_a_citizen_sees_their_status_change_at_once_while_the_replica_is_behind(
    urls, citizen, visitor, replica_paused
):
    caseworker = make_staff(email=unique_email("caseworker"), group="Caseworkers")
    inquiry = make_inquiry(author=citizen, subject="Noise at night", message="Who do I call?")
    sign_in(visitor, urls["node1"], citizen)
    status_on_replica = "SELECT status FROM applications_inquiry WHERE id = %s"
    assert wait_for(lambda: on_replica(status_on_replica, [inquiry.pk]), seconds=5) is not None

    replica_paused()
    inquiry_change_status(inquiry=inquiry, to_status="processing", by=caseworker)
    page = visitor.get(f"{urls['node2']}{inquiry.get_absolute_url()}")

    assert on_replica(status_on_replica, [inquiry.pk]) == [("received",)]
    assert "Processing" in text(page.html)


def load(urls, citizen_cookie, seconds):
    """GETs through nginx from four clients for `seconds`; the statuses and errors seen."""
    results, stop_at = [], time.monotonic() + seconds

    def client(number):
        visitor = Visitor()
        if number % 2 and citizen_cookie:
            visitor.cookies.set_cookie(citizen_cookie)
        while time.monotonic() < stop_at:
            path = "/applications/" if number % 2 else fresh(ANONYMOUS_PAGES[number])
            try:
                results.append(visitor.get(f"{urls['nginx']}{path}").status)
            except OSError as error:
                results.append(repr(error))

    threads = [threading.Thread(target=client, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    return threads, results


def test_stopping_node_1_under_load_costs_no_failed_get_through_nginx(
    urls, citizen, visitor, stopped
):
    sign_in(visitor, urls["nginx"], citizen)
    cookie = next(cookie for cookie in visitor.cookies if cookie.name == "sessionid")
    threads, results = load(urls, cookie, seconds=6)

    time.sleep(2)
    stopped("node1")
    for thread in threads:
        thread.join()

    assert len(results) > 50
    assert {result for result in results if result != 200} == set()


def test_stopping_the_replica_sends_reads_to_the_primary_without_errors(urls, stopped):
    stopped("replica")

    statuses = [
        Visitor().get(f"{urls[node]}{fresh(path)}").status
        for node in ("node1", "node2", "nginx")
        for path in ANONYMOUS_PAGES * 2
    ]

    assert set(statuses) == {200}


def test_without_redis_every_page_still_answers(urls, citizen, visitor, stopped):
    sign_in(visitor, urls["node1"], citizen)
    stopped("redis")

    statuses = [visitor.get(f"{urls[node]}/applications/").status for node in ("node1", "node2")]
    for node in ("node1", "node2", "nginx"):
        statuses += [Visitor().get(f"{urls[node]}{path}").status for path in ANONYMOUS_PAGES]
        stranger = Visitor()
        page = stranger.get(f"{urls[node]}/accounts/login/")
        refused = stranger.submit(page, {"login": unique_email("nobody"), "password": "guess"})
        statuses.append(refused.status)
        assert MISMATCH in text(refused.html)

    assert set(statuses) == {200}
