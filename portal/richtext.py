"""Rich text that editors write in the admin (article bodies, FAQ answers): what each kind may
contain, offered by the editor's buttons and enforced by nh3 on every save; and its plain text."""

import html
import re
from dataclasses import dataclass, field

import nh3
from django.utils.html import strip_tags
from django.utils.text import Truncator

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The only images the portal serves from uploads: the ready-made sizes of news photos.
OWN_IMAGES = "/news/images/"

# Block-level tags end a word: "<p>Metro</p><p>Bus</p>" must read "Metro Bus", not "MetroBus".
BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|blockquote|div|h[1-6]|tr|td|th)\b[^>]*>", re.I)
WHITESPACE = re.compile(r"\s+")


def keep_own_images_only(tag, attribute, value):
    # Images from other sites would track readers; only our own files may be shown.
    if tag == "img" and attribute == "src" and not value.startswith(OWN_IMAGES):
        return None
    return value


@dataclass(frozen=True)
class RichText:
    """One kind of rich text: the editor's buttons and the markup they may produce."""

    editor_extensions: dict
    tags: frozenset
    attributes: dict = field(default_factory=dict)

    def sanitise(self, value):
        cleaned = nh3.clean(
            value or "",
            tags=set(self.tags),
            attributes=self.attributes,
            url_schemes=set(URL_SCHEMES),
            link_rel="noopener noreferrer",
            attribute_filter=keep_own_images_only,
            strip_comments=True,
        )
        # The editor leaves one empty paragraph behind when everything is deleted.
        return "" if cleaned.strip() in {"", "<p></p>"} else cleaned


# Paragraphs, lists, emphasis and links: nothing that could run code or change the page's layout.
PLAIN_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
}
PLAIN_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "abbr", "blockquote"}
)
PLAIN_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}

FAQ_ANSWER = RichText(
    editor_extensions=PLAIN_EXTENSIONS, tags=PLAIN_TAGS, attributes=PLAIN_ATTRIBUTES
)

# Articles add sub-headings (from h2: the title is the page's only h1), rules, tables and the
# portal's own images.
ARTICLE_BODY = RichText(
    editor_extensions={
        **PLAIN_EXTENSIONS,
        "Heading": {"levels": [2, 3, 4]},
        "HorizontalRule": True,
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
    },
    tags=PLAIN_TAGS
    | {"h2", "h3", "h4", "hr", "table", "caption", "thead", "tbody", "tr", "th", "td", "img"},
    attributes={
        **PLAIN_ATTRIBUTES,
        "img": {"src", "alt", "width", "height"},
        "th": {"scope", "colspan", "rowspan"},
        "td": {"colspan", "rowspan"},
        "ol": {"start"},
    },
)


def html_to_text(value):
    text = html.unescape(strip_tags(BLOCK_TAG.sub(" ", value)))
    return WHITESPACE.sub(" ", text).strip()


def first_words(text, count):
    return Truncator(text).words(count, truncate="…")


def first_characters(text, count):
    """The beginning of a text written without spaces between words (Chinese)."""
    return Truncator(text).chars(count, truncate="…")
