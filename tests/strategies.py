"""Hypothesis strategies for the portal's large input spaces, and what outputs must satisfy."""

import re

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.html import page, text

# For properties that use the database: every example runs in the test's one transaction (an
# example that writes undoes its writes in a savepoint), and a query may take longer than
# Hypothesis's default deadline.
database_examples = settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Markup an editor's paste or an attacker might bring: the tags and attributes the sanitisers
# allow, and many they must not let through.
TAGS = [
    "p", "br", "hr", "h1", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "ul", "ol", "li",
    "blockquote", "a", "abbr", "table", "caption", "thead", "tbody", "tr", "th", "td", "img",
    "script", "style", "iframe", "object", "embed", "svg", "math", "form", "input", "button",
    "textarea", "select", "option", "noscript", "template", "title", "base", "meta", "link",
    "div", "span", "font", "marquee", "video", "audio", "source", "details", "dialog",
]  # fmt: skip
ATTRIBUTES = [
    "href", "src", "alt", "title", "width", "height", "scope", "colspan", "rowspan", "start",
    "rel", "target", "style", "class", "id", "onclick", "onerror", "onload", "onmouseover",
    "srcset", "action", "formaction", "data", "xlink:href", "xmlns", "background", "lang",
    "name", "content", "http-equiv", "data-x", "aria-label", "tabindex",
]  # fmt: skip
URLS = [
    "https://www.gov.example/page",
    "http://example.org/?a=1&b=2",
    "mailto:news@city.example",
    "tel:+86-21-12345",
    "/news/images/0123456789abcdef0123456789abcdef-800.jpg",
    "/news/images/../../secret",
    "/media/news/photo.jpg",
    "#top",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "\x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x",
    "ftp://files.example/x",
]
# Pieces of markup that are not well-formed elements.
FRAGMENTS = [
    "<", ">", "</", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "&", "&amp;", "&lt;",
    "&#0;", "&#x3c;", "\"", "'", "`", "=", "<a href=", "<img src=x onerror=alert(1)//",
    "<script>alert(1)</script>", "<scr<script>ipt>", "</p></div>", "\x00", "\u2028", "渡轮",
]  # fmt: skip

attribute_values = st.one_of(st.sampled_from(URLS), st.text(max_size=20))


@st.composite
def elements(draw, children):
    tag = draw(st.sampled_from(TAGS))
    attributes = draw(st.dictionaries(st.sampled_from(ATTRIBUTES), attribute_values, max_size=3))
    quoted = "".join(
        f' {name}="{value.replace(chr(34), "&quot;")}"' for name, value in attributes.items()
    )
    inner = "".join(draw(st.lists(children, max_size=4)))
    return f"<{tag}{quoted}>{inner}</{tag}>"


html_fragments = st.recursive(
    st.one_of(st.text(max_size=20), st.sampled_from(FRAGMENTS)),
    lambda children: elements(children),
    max_leaves=12,
)
# What a rich-text field might be given: mostly markup, sometimes any text at all.
rich_text = st.one_of(st.lists(html_fragments, max_size=5).map("".join), st.text())

# Any text a request can bring that PostgreSQL takes in a string (it refuses NUL).
text_without_nul = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))
# What people type into a search box, with the web search syntax's own marks among them.
SEARCH_WORDS = [
    "ferry", "Ferry", "bus", "the", "and", "or", "OR", "-", "-ferry", '"', '"ferry timetable"',
    "'", "&", "|", "!", "(", ")", ":*", "<->", "\\", "%", "_", "*", "渡轮", "café", "\x00",
]  # fmt: skip
search_queries = st.one_of(
    st.lists(st.sampled_from(SEARCH_WORDS), max_size=6).map(" ".join),
    st.lists(st.sampled_from(SEARCH_WORDS), max_size=6).map("".join),
    st.text(max_size=60),
)

# nh3 allows these on every element unless told otherwise; they carry no code.
GENERIC_ATTRIBUTES = {"lang", "title"}
URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
# Browsers drop these from URLs before they look at the scheme.
IGNORED_IN_URLS = re.compile(r"[\x00-\x20]")


def assert_sanitised(html, *, tags, attributes, url_schemes):
    """No tag or attribute outside the allowed sets, no URL with a scheme outside the allowed
    ones (so no javascript:), and every link opens without handing the portal over."""
    for element in page(html).find_all(True):
        assert element.name in tags, (element.name, html)
        allowed = attributes.get(element.name, set()) | GENERIC_ATTRIBUTES
        if element.name == "a":
            allowed |= {"rel"}
        assert set(element.attrs) <= allowed, (element.name, element.attrs, html)
        for name in ("href", "src"):
            if name in element.attrs:
                url = IGNORED_IN_URLS.sub("", element[name])
                scheme = URL_SCHEME.match(url)
                assert scheme is None or scheme[1].lower() in url_schemes, (url, html)
        if element.name == "a":
            assert element.get("rel") == ["noopener", "noreferrer"], (element.attrs, html)


def assert_settles(sanitise, html):
    """Sanitising again changes nothing a reader sees. nh3 can leave nesting that HTML does not
    allow (<p> in <p>, where a dropped tag stood between); the next pass reads it as a browser
    does, and from then on nothing changes at all."""
    once = sanitise(html)
    twice = sanitise(once)

    assert text(twice) == text(once), (html, once, twice)
    assert sanitise(twice) == twice, (html, once, twice)
