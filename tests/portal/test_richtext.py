import pytest
from hypothesis import given

from portal.richtext import ARTICLE_BODY
from tests.html import page
from tests.strategies import assert_sanitised, assert_settles, rich_text


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hi</p><script>alert(1)</script>", "<p>Hi</p>"),
        ('<p onclick="alert(1)" onmouseover="x()">Hi</p>', "<p>Hi</p>"),
        ('<a href="javascript:alert(1)">Click</a>', '<a rel="noopener noreferrer">Click</a>'),
        ('<a href="JaVaScRiPt:alert(1)">Click</a>', '<a rel="noopener noreferrer">Click</a>'),
        ('<img src="x" onerror="alert(1)">', "<img>"),
        ('<img src="https://tracker.example/p.gif" alt="">', '<img alt="">'),
        ('<img src="/media/news/photo.jpg" alt="">', '<img alt="">'),
        ("<iframe src='https://evil.example'></iframe><p>x</p>", "<p>x</p>"),
        ('<p style="position:fixed">x</p>', "<p>x</p>"),
        ("<h1>Title</h1>", "Title"),
        ("<p></p>", ""),
    ],
)
def test_dangerous_markup_is_removed(dirty, clean):
    assert ARTICLE_BODY.sanitise(dirty) == clean


def test_the_allowed_editing_markup_is_kept():
    html = (
        "<h2>Heading</h2><h3>Sub</h3><p><strong>Bold</strong> and <em>italic</em></p>"
        "<ul><li>One</li></ul><ol><li>Two</li></ol><blockquote><p>Quote</p></blockquote>"
        '<table><tbody><tr><th scope="col">A</th></tr><tr><td>1</td></tr></tbody></table>'
        '<p><a href="https://www.gov.example/page" rel="noopener noreferrer">link</a> '
        '<a href="mailto:news@city.example" rel="noopener noreferrer">mail</a></p>'
        '<img src="/news/images/0123456789abcdef0123456789abcdef-800.jpg" alt="Our photo">'
    )

    assert ARTICLE_BODY.sanitise(html) == html


def test_links_get_a_safe_rel():
    assert ARTICLE_BODY.sanitise('<a href="https://example.org" rel="opener">x</a>') == (
        '<a href="https://example.org" rel="noopener noreferrer">x</a>'
    )


# The editor's markup, and no more: a specification written out here, not read from the code.
BODY_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "a", "table", "caption", "thead", "tbody", "tr", "th", "td", "img", "abbr",
}  # fmt: skip
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
BODY_URL_SCHEMES = {"http", "https", "mailto", "tel"}


@given(rich_text)
def test_a_sanitised_body_holds_only_the_allowed_markup(html):
    cleaned = ARTICLE_BODY.sanitise(html)

    assert_sanitised(
        cleaned, tags=BODY_TAGS, attributes=BODY_ATTRIBUTES, url_schemes=BODY_URL_SCHEMES
    )
    for image in page(cleaned).find_all("img", src=True):
        assert image["src"].startswith("/news/images/"), cleaned


@given(rich_text)
def test_sanitising_a_body_again_changes_nothing_a_reader_sees(html):
    assert_settles(ARTICLE_BODY.sanitise, html)
