"""English at the portal's addresses, Simplified Chinese under /zh-hans/, and a switch between
the two on every page."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from tests.html import find, links, select

pytestmark = pytest.mark.django_db

XHTML = "{http://www.w3.org/1999/xhtml}"


def test_english_stays_at_the_current_addresses_and_chinese_lives_under_zh_hans():
    assert reverse("faq:index") == "/faq/"
    with translation.override("zh-hans"):
        assert reverse("faq:index") == "/zh-hans/faq/"
        assert reverse("home") == "/zh-hans/"


@pytest.mark.parametrize(
    ("path", "lang", "switch", "other"),
    [
        ("/faq/", "en", "中文", "/zh-hans/faq/"),
        ("/zh-hans/faq/", "zh-Hans", "English", "/faq/"),
        ("/search/?q=metro", "en", "中文", "/zh-hans/search/?q=metro"),
    ],
)
def test_every_page_says_its_language_and_leads_to_itself_in_the_other(
    client, path, lang, switch, other
):
    response = client.get(path)

    assert response.status_code == 200
    assert find(response, "html")["lang"] == lang
    switcher = find(response, 'nav[aria-label="Language"], nav.language-switch')
    assert links(switcher) == {switch: other}
    assert find(switcher, "a")["hreflang"] == find(switcher, "a")["lang"]


def test_the_head_names_the_page_in_both_languages(client):
    response = client.get("/faq/")

    alternates = {
        link["hreflang"]: link["href"]
        for link in select(response, 'link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "en": "http://testserver/faq/",
        "zh-Hans": "http://testserver/zh-hans/faq/",
    }


@pytest.mark.django_db
def test_a_query_sent_as_raw_utf8_leads_to_the_same_query_in_the_other_language(client):
    # Some clients send the characters of an address unencoded; WSGI hands them on as Latin-1.
    raw = "q=医院".encode().decode("latin-1")

    response = client.get("/zh-hans/search/", QUERY_STRING=raw)

    switcher = find(response, "nav.language-switch")
    assert links(switcher) == {"English": "/search/?q=%E5%8C%BB%E9%99%A2"}
    alternates = [link["href"] for link in select(response, 'link[rel="alternate"][hreflang]')]
    assert "http://testserver/search/?q=%E5%8C%BB%E9%99%A2" in alternates


def test_a_page_cached_in_one_language_is_never_served_in_the_other(client):
    english = client.get("/faq/")
    chinese = client.get("/zh-hans/faq/")

    assert find(english, "html")["lang"] == "en"
    assert find(chinese, "html")["lang"] == "zh-Hans"
    assert find(client.get("/faq/"), "html")["lang"] == "en"


def test_an_english_address_is_english_whatever_the_browser_prefers(client):
    response = client.get("/faq/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")

    assert response.status_code == 200
    assert find(response, "html")["lang"] == "en"


def test_dates_are_written_the_chinese_way_on_chinese_pages():
    from datetime import date

    from django.template import Context, Template

    template = Template("{% load portal_tags %}{% time_element day %}")
    with translation.override("zh-hans"):
        shown = template.render(Context({"day": date(2026, 11, 30)}))

    assert ">2026年11月30日<" in shown


def test_the_sitemap_names_each_page_in_both_languages(client, make_question):
    from tests.sitemaps import SITEMAP, local_path, section_urls

    make_question(slug="ferry")
    section = next(url for url in section_urls(client) if "faq-questions" in url)
    root = ET.fromstring(client.get(local_path(section)).content)

    [entry] = root.findall(f"{SITEMAP}url")
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
    assert entry.findtext(f"{SITEMAP}loc") == "http://testserver/faq/ferry/"
    assert alternates == {
        "en": "http://testserver/faq/ferry/",
        "zh-Hans": "http://testserver/zh-hans/faq/ferry/",
        "x-default": "http://testserver/faq/ferry/",
    }


@pytest.mark.parametrize(
    ("path", "switch", "other"),
    [
        ("/no-such-page/?from=print", "中文", "/zh-hans/no-such-page/?from=print"),
        ("/zh-hans/no-such-page/", "English", "/no-such-page/"),
        # Never a link to another site ("//evil.example/x" is one).
        ("/zh-hans//evil.example/x", "English", "/evil.example/x"),
    ],
)
def test_a_missing_pages_language_switch_leads_to_its_address_in_the_other_language(
    client, path, switch, other
):
    response = client.get(path)

    assert response.status_code == 404
    assert links(find(response, ".language-switch")) == {switch: other}
