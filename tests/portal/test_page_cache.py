"""Anonymous visitors share cached copies of public pages; nothing personal is ever shared."""

import gzip
import itertools
import warnings
from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from portal.caching import cache_for_anonymous_visitors, page_cache_key
from tests.html import (
    field_by_label,
    fields,
    headings,
    links,
    messages,
    region,
    text,
    text_of,
)

pytestmark = pytest.mark.django_db


def signed_in_as(page):
    """The name the home page's account panel shows, or None when it offers to sign in."""
    if "Your account" not in headings(page):
        return None
    return text_of(region(page, "Your account"), ".account-panel__name")


@pytest.fixture
def later(monkeypatch):
    """Move the clock of the in-memory page cache forward."""

    def move(seconds):
        now = locmem.time.time()
        monkeypatch.setattr(locmem.time, "time", lambda: now + seconds)

    return move


def test_the_second_anonymous_visit_is_served_without_touching_the_database(
    client, django_assert_num_queries
):
    first = client.get("/")

    with django_assert_num_queries(0):
        second = client.get("/")

    assert second.status_code == 200
    assert second.content == first.content


def test_a_shared_page_tells_shared_caches_how_long_to_keep_it(client, settings):
    response = client.get("/")

    assert response["Cache-Control"] == f"public, max-age={settings.PAGE_MAX_AGE_SECONDS}"
    assert "Cookie" in response["Vary"]
    assert response["ETag"]
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in fields(response)


def test_a_browser_holding_the_page_gets_not_modified(client):
    etag = client.get("/")["ETag"]

    response = client.get("/", headers={"If-None-Match": etag})

    assert response.status_code == 304


def test_signed_in_pages_are_private_and_never_shared(client, citizen):
    client.get("/")  # an anonymous copy is cached
    client.force_login(citizen)

    personal = client.get("/")

    assert signed_in_as(personal) == "Li Na"
    assert "private" in personal["Cache-Control"]
    assert "public" not in personal["Cache-Control"]
    assert "Li Na" not in text(Client().get("/"))


def test_a_signed_in_page_is_not_cached_for_the_next_anonymous_visitor(client, citizen):
    client.force_login(citizen)
    client.get("/")

    page = Client().get("/")

    assert "Li Na" not in text(page)
    assert signed_in_as(page) is None
    assert field_by_label(region(page, "Sign in"), "Email address")["name"] == "login"


def test_the_shared_copy_is_renewed_after_the_cache_time(client, settings, later):
    client.get("/")
    later(settings.PAGE_CACHE_SECONDS + 1)

    with CaptureQueriesContext(connection) as queries:
        client.get("/")

    assert len(queries) > 0  # rendered again


def test_pages_that_are_not_found_are_not_cached(client):
    client.get("/news/no-such-channel/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/news/no-such-channel/")

    assert response.status_code == 404
    assert len(queries) > 0


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, citizen):
    client.get("/")
    client.force_login(citizen)

    client.post(reverse("account_logout"))
    page = client.get("/")

    assert messages(page) == ["You are signed out."]


@pytest.mark.parametrize(
    "name", ["home", "applications:application_list", "accounts:overview", "search"]
)
def test_every_page_a_signed_in_person_sees_is_private_and_not_stored(client, citizen, name):
    client.force_login(citizen)

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    # On a shared computer, Back after signing out must not show the pages again.
    assert "no-store" in response["Cache-Control"]


def test_signed_in_home_pages_reuse_the_shared_news_and_faq_boxes(client, citizen):
    client.force_login(citizen)
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/")

    tables_read = " ".join(query["sql"] for query in queries)
    assert "news_" not in tables_read
    assert "faq_" not in tables_read
    assert links(region(page, "FAQ"))["More FAQs »"] == reverse("faq:index")


def test_a_personal_page_is_never_shown_to_someone_else(client, citizen, other_citizen):
    client.force_login(citizen)
    client.get("/")
    other = Client()
    other.force_login(other_citizen)

    page = other.get("/")

    assert signed_in_as(page) == "Zhou Bin"
    assert "Li Na" not in text(page)


def test_a_changed_name_shows_at_once_on_the_home_page(client, citizen):
    client.force_login(citizen)
    client.get("/")

    client.post(
        reverse("accounts:profile_edit"), {"full_name": "Li Na Wang", "contact_language": "en"}
    )
    client.get(reverse("accounts:overview"))  # where the confirmation is shown

    assert signed_in_as(client.get("/")) == "Li Na Wang"


def test_the_sitemap_index_is_shared_by_anonymous_visitors(client, django_assert_num_queries):
    first = client.get(reverse("sitemap"))

    with django_assert_num_queries(0):
        again = client.get(reverse("sitemap"))

    assert again.content == first.content
    assert "public" in again["Cache-Control"]


def test_a_long_url_is_cached_without_cache_key_warnings(client):
    long_query = "?q=" + "ü" * 300

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(2):
            assert client.get("/news/" + long_query).status_code == 200


def test_a_repeated_search_is_answered_from_the_shared_copy(client, django_assert_num_queries):
    first = client.get(reverse("search"), {"q": "ferry timetable"})

    with django_assert_num_queries(0):
        again = client.get(reverse("search"), {"q": "ferry timetable"})

    assert again.content == first.content
    assert "public" in again["Cache-Control"]


# The key a cached page is found under.

hosts = st.from_regex(
    r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z]{2,10}){0,3}(:[0-9]{1,5})?", fullmatch=True
)
paths = st.text(max_size=300).map(lambda text: "/" + quote(text))
queries = st.dictionaries(st.text(max_size=20), st.text(max_size=40), max_size=3)
pages = st.tuples(hosts, paths, queries)


def request_for(host, path, query):
    return RequestFactory().get(path, query, HTTP_HOST=host)


@override_settings(ALLOWED_HOSTS=["*"])
@given(host=hosts, path=paths, query=queries)
def test_the_same_url_gives_the_same_short_and_valid_key(host, path, query):
    key = page_cache_key(request_for(host, path, query))

    assert key == page_cache_key(request_for(host, path, query))
    assert len(key) <= 250
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Django warns about keys some cache servers refuse
        caches["pages"].validate_key(key)


@override_settings(ALLOWED_HOSTS=["*"])
@given(first=pages, data=st.data())
def test_another_host_or_url_gives_another_key(first, data):
    # Sometimes the same page again, sometimes another one altogether.
    second = data.draw(st.one_of(st.just(first), pages), label="second")
    one, other = request_for(*first), request_for(*second)
    same = (one.get_host(), one.get_full_path()) == (other.get_host(), other.get_full_path())

    assert (page_cache_key(one) == page_cache_key(other)) == same


def test_a_page_that_sets_a_cookie_is_never_cached(rf):
    # A cached copy would hand the first visitor's cookie to everyone after them.
    visits = itertools.count(1)

    @cache_for_anonymous_visitors
    def page_that_sets_a_cookie(request):
        visit = next(visits)
        response = HttpResponse(f"Visit {visit}")
        response.set_cookie("visitor", str(visit))
        return response

    def visit():
        request = rf.get("/a-page/")
        request.session = SessionStore()
        request.user = AnonymousUser()
        return page_that_sets_a_cookie(request)

    first, second = visit(), visit()

    assert first.cookies["visitor"].value == "1"
    assert (second.content, second.cookies["visitor"].value) == (b"Visit 2", "2")


GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_a_shared_page_is_compressed_once_for_browsers_that_take_gzip(client):
    plain = client.get("/").content
    first = client.get("/", headers=GZIP)
    again = client.get("/", headers=GZIP)

    assert first["Content-Encoding"] == again["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.content) == gzip.decompress(again.content) == plain
    assert len(first.content) < len(plain) / 2
    assert "Accept-Encoding" in first["Vary"]
    assert "Cookie" in first["Vary"]
    assert first["ETag"].startswith("W/")


def test_a_browser_without_gzip_gets_the_page_as_it_is(client):
    client.get("/", headers=GZIP)

    response = client.get("/")

    assert not response.has_header("Content-Encoding")
    assert "sign-in-email" in response.content.decode()


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_a_page_with_a_form_token_is_never_compressed(client, name):
    # BREACH: the size of a compressed page that holds a secret tells an attacker about it.
    response = client.get(reverse(name), headers=GZIP)

    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert not response.has_header("Content-Encoding")


@pytest.mark.parametrize("name", ["home", "applications:application_list", "accounts:overview"])
def test_a_signed_in_persons_page_is_never_compressed(client, citizen, name):
    client.force_login(citizen)

    response = client.get(reverse(name), headers=GZIP)

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_a_kept_copy_says_how_old_it_is(client, settings, later):
    first = client.get("/")
    assert not first.has_header("Age")

    later(5)

    assert client.get("/")["Age"] == "5"
