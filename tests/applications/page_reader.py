"""Reading a page as a person perceives it: a small element tree from html.parser, with the
text, links, tables and dates that a reader meets in each part of it."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag, **attrs):
        return [
            element
            for element in self.iter()
            if element.tag == tag
            and all(
                value in (element.attrs.get(name) or "").split() for name, value in attrs.items()
            )
        ]

    def find(self, tag, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def text(self, *, hidden=True):
        """The element's text with spaces tidied; hidden=False leaves out aria-hidden parts."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif hidden or child.attrs.get("aria-hidden") != "true":
                parts.append(child.text(hidden=hidden))
        return " ".join(" ".join(parts).split())

    def links(self):
        return [(link.text(), link.attrs.get("href")) for link in self.find_all("a")]

    def section(self, heading):
        """The <section> whose first heading reads `heading`, or None."""
        for section in self.find_all("section"):
            headings = [e for e in section.iter() if e.tag in ("h1", "h2", "h3")]
            if headings and headings[0].text() == heading:
                return section
        return None

    def tables(self):
        """Each table as a list of rows, headers first, each row a list of cell texts."""
        return [
            [
                [cell.text() for cell in row.iter() if cell.tag in ("th", "td")]
                for row in table.find_all("tr")
            ]
            for table in self.find_all("table")
        ]


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.root = Element("document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def read(html):
    builder = TreeBuilder()
    builder.feed(html if isinstance(html, str) else html.decode())
    return builder.root


def page(response):
    return read(response.content)


def main_text(response):
    return page(response).find("main").text()


def error_summary(response):
    summary = page(response).find("div", **{"class": "error-summary"})
    return [item.text() for item in summary.find_all("li")] if summary else []
