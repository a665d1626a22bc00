import html
import re

import nh3
from django.utils.html import strip_tags
from django.utils.text import Truncator

# What editors may use in answers: paragraphs, lists, emphasis and links, nothing that could run
# code or change the page's layout. The admin's editor offers the same; nh3 enforces it on save.
ANSWER_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}
ANSWER_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "abbr", "blockquote"}
ANSWER_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ANSWER_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Block-level tags end a word: "<p>Metro</p><p>Bus</p>" must read "Metro Bus", not "MetroBus".
BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|blockquote|div|h[1-6]|tr|td|th)\b[^>]*>", re.I)
WHITESPACE = re.compile(r"\s+")


def sanitise_answer(value):
    return nh3.clean(
        value,
        tags=ANSWER_TAGS,
        attributes=ANSWER_ATTRIBUTES,
        url_schemes=ANSWER_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def html_to_text(value):
    text = html.unescape(strip_tags(BLOCK_TAG.sub(" ", value)))
    return WHITESPACE.sub(" ", text).strip()


def first_words(text, count):
    return Truncator(text).words(count, truncate="…")
