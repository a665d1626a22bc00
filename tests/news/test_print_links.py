"""Printed pages spell out the links of their content as full addresses a reader can type."""

import pytest

from tests.html import find, links, main

pytestmark = pytest.mark.django_db


def test_links_to_the_portals_own_pages_in_an_article_carry_its_full_address(client, make_article):
    article = make_article(
        body='<p>See the <a href="/faq/">answers</a> and <a href="https://other.example/x">this'
        '</a>, and a photo <img src="/news/images/a-400.jpg" alt="A photo"></p>'
    )

    content = main(client.get(article.get_absolute_url()))

    assert links(content)["answers"] == "http://testserver/faq/"
    assert links(content)["this"] == "https://other.example/x"
    assert find(content, 'img[alt="A photo"]')["src"] == "/news/images/a-400.jpg"


def test_the_print_style_spells_out_full_addresses_in_the_content(settings):
    css = (settings.BASE_DIR / "static" / "css" / "print.css").read_text()

    assert '.prose a[href^="http"]::after' in css
    assert "attr(href)" in css
