import pytest

from portal.richtext import ARTICLE_BODY


@pytest.mark.parametrize(
    "dirty,clean",
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
