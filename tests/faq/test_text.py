"""Answers: what editors may write, and the plain text made from it for excerpts and search."""

from hypothesis import given

from portal.richtext import FAQ_ANSWER
from tests.strategies import assert_sanitised, assert_settles, rich_text

# Paragraphs, lists, emphasis and links: a specification written out here, not read from the code.
ANSWER_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "abbr", "blockquote"}
ANSWER_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ANSWER_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def test_links_in_answers_open_without_handing_over_the_portal():
    cleaned = FAQ_ANSWER.sanitise('<p><a href="https://example.org" rel="opener">Map</a></p>')

    assert cleaned == '<p><a href="https://example.org" rel="noopener noreferrer">Map</a></p>'


@given(rich_text)
def test_a_sanitised_answer_holds_only_the_allowed_markup(html):
    assert_sanitised(
        FAQ_ANSWER.sanitise(html),
        tags=ANSWER_TAGS,
        attributes=ANSWER_ATTRIBUTES,
        url_schemes=ANSWER_URL_SCHEMES,
    )


@given(rich_text)
def test_sanitising_an_answer_again_changes_nothing_a_reader_sees(html):
    assert_settles(FAQ_ANSWER.sanitise, html)
