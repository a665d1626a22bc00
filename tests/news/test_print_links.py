"""Printed pages spell out the links of their content as full addresses a reader can type."""

import re

import pytest

pytestmark = pytest.mark.django_db


def hrefs(html, text):
    return re.findall(rf'<a href="([^"]+)"[^>]*>{text}</a>', html)


def test_links_to_the_portals_own_pages_in_an_article_carry_its_full_address(client, make_article):
    article = make_article(
        body='<p>See the <a href="/faq/">answers</a> and <a href="https://other.example/x">this'
        '</a>, and a photo <img src="/news/images/a-400.jpg" alt="A photo"></p>'
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert hrefs(html, "answers") == ["http://testserver/faq/"]
    assert hrefs(html, "this") == ["https://other.example/x"]
    assert 'src="/news/images/a-400.jpg"' in html


def test_the_print_style_spells_out_full_addresses_in_the_content(settings):
    css = (settings.BASE_DIR / "static" / "css" / "print.css").read_text()

    assert '.prose a[href^="http"]::after' in css and "attr(href)" in css
