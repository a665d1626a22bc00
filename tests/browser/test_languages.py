"""The Chinese pages in Chromium: accessible (axe-core), and the header's language switch leads to
the same page in the other language, with or without JavaScript."""

import pytest
from django.test import Client

from tests.browser.sessions import context_with_session_of
from tests.factories import (
    PASSWORD,
    make_article,
    make_channel,
    make_citizen,
    make_question,
    make_service,
    make_topic,
    use_chinese_site_profile,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def chinese_pages(db):
    use_chinese_site_profile()
    channel = make_channel(name="政务新闻", slug="government-news")
    make_article(
        channel=channel,
        title="地铁新线路开通",
        slug="metro-line",
        summary="地铁十号线今天开通运营。",
        body="<p>地铁十号线今天上午开通运营。</p>",
    )
    topic = make_topic(name="交通出行", slug="getting-around")
    make_question(
        topic=topic,
        question="如何办理交通卡",
        slug="transport-card",
        answer="<p>可在地铁站办理交通卡。</p>",
    )


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/",
        "/zh-hans/news/government-news/metro-line/",
        "/zh-hans/faq/transport-card/",
        "/zh-hans/search/?q=如何办理交通卡",
        "/zh-hans/search/?q=没有结果",
        "/zh-hans/accounts/login/",
    ],
)
def test_chinese_pages_are_accessible(live_server, page, axe_violations, chinese_pages, path):
    page.goto(live_server.url + path)

    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert axe_violations(page) == []


def test_the_chinese_account_page_is_accessible(live_server, browser, axe_violations):
    use_chinese_site_profile()
    citizen = make_citizen(email="li.na@example.com", full_name="李娜", password=PASSWORD)
    client = Client()
    client.force_login(citizen)
    page = context_with_session_of(client, browser, live_server).new_page()

    page.goto(f"{live_server.url}/zh-hans/account/")

    assert page.locator("h1").inner_text() == "我的账户"
    assert axe_violations(page) == []


SWITCHES = [
    ("/", "/zh-hans/"),
    ("/news/government-news/metro-line/", "/zh-hans/news/government-news/metro-line/"),
    ("/faq/", "/zh-hans/faq/"),
    ("/search/?q=metro", "/zh-hans/search/?q=metro"),
]


def switch_language(page, name):
    page.get_by_role("navigation", name=name).get_by_role("link").click()


@pytest.mark.parametrize(("english", "chinese"), SWITCHES)
def test_the_language_switch_leads_to_the_same_page(
    live_server, page, chinese_pages, english, chinese
):
    page.goto(live_server.url + english)

    switch_language(page, "Language")
    assert page.url == live_server.url + chinese
    assert page.locator("html").get_attribute("lang") == "zh-Hans"

    switch_language(page, "语言")
    assert page.url == live_server.url + english
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize(("english", "chinese"), SWITCHES)
def test_the_language_switch_works_without_javascript(
    live_server, browser, chinese_pages, english, chinese
):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + english)

    page.get_by_role("link", name="中文").click()
    assert page.url == live_server.url + chinese
    page.get_by_role("link", name="English").click()
    assert page.url == live_server.url + english


NOTE_BESIDE_ITS_LINK = """note => {
    const title = note.previousElementSibling.lastChild;
    const lastCharacter = document.createRange();
    lastCharacter.setStart(title, title.length - 1);
    lastCharacter.setEnd(title, title.length);
    const end = lastCharacter.getBoundingClientRect();
    const start = note.getBoundingClientRect();
    const middle = (start.top + start.bottom) / 2;
    const sameLine = end.top < middle && middle < end.bottom;
    return {gap: Math.round(start.left - end.right), sameLine};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_in_english_note_follows_its_headline_on_the_home_page(
    live_server, page, chinese_pages, width
):
    make_article(channel=make_channel(slug="notices"), title="Bus fares", slug="bus-fares")
    make_service(name="Parking permit")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/zh-hans/")

    notes = page.locator(".widget__list .in-english").all()
    assert notes
    for note in notes:
        assert note.evaluate(NOTE_BESIDE_ITS_LINK) == {"gap": 0, "sameLine": True}, note.evaluate(
            "note => note.parentElement.textContent"
        )
