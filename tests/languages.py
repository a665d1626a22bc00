"""Which language a page speaks: the interface words left in English on a Chinese page.

Content a page shows in English because it has no Chinese version yet is marked lang="en" and
is left out, as are code, addresses (email, web) and the names in ALLOWED.
"""

import re

from bs4 import NavigableString, Tag

from tests.html import NOT_SHOWN, find, page

# Names that stay as they are in a Chinese page: file kinds, and the portal's own words for things
# that have no Chinese name.
ALLOWED = {"PDF", "JPEG", "JPG", "PNG", "WebP", "RSS", "Atom", "ID", "QR", "DOCX", "HEIC"}
ADDRESS = re.compile(r"\S+@\S+|\b\w+://\S+|\bwww\.\S+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# Attributes a person reads or hears as well as text.
READ_ATTRIBUTES = ["alt", "title", "placeholder", "aria-label"]


def in_english(element):
    marked = element.find_parent(attrs={"lang": True})
    return marked is not None and marked["lang"].lower().startswith("en")


def _read_strings(element):
    for child in element.children:
        if isinstance(child, Tag):
            if child.name in NOT_SHOWN or child.name in {"code", "kbd", "samp"}:
                continue
            if child.get("lang", "").lower().startswith("en"):
                continue
            yield from (child[name] for name in READ_ATTRIBUTES if child.has_attr(name))
            if child.name == "input" and child.get("type") in {"submit", "button"}:
                yield child.get("value", "")
            yield from _read_strings(child)
        elif type(child) is NavigableString:
            yield str(child)


def english_words(source, *, allowed=()):
    """The Latin-letter words a reader meets on the page (its title included), outside content
    marked lang="en", sorted and without repeats: on a Chinese page, each is a string that was
    not translated (or a name that should be in `allowed`)."""
    document = page(source)
    strings = list(_read_strings(document.body or document))
    if document.title:
        strings.append(document.title.get_text())
    words = set()
    for string in strings:
        words.update(LATIN_WORD.findall(ADDRESS.sub(" ", string)))
    return sorted(words - ALLOWED - set(allowed))


def assert_chinese_page(response, *, status=200, allowed=()):
    """A Chinese page: the status asked for, <html lang="zh-Hans">, and no interface word left in
    English (names that stay as they are in `allowed`)."""
    assert response.status_code == status, response.get("Location")
    assert find(response, "html")["lang"] == "zh-Hans"
    assert english_words(response, allowed=allowed) == []
