"""Reading a page as a person meets it: its title, then the headings, labels, links, buttons and
text of its main content (the header and footer, the same on every page, are left out)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


def words(text):
    return " ".join(text.split())


@dataclass
class Page:
    title: str = ""
    headings: list = field(default_factory=list)  # (level, text)
    labels: dict = field(default_factory=dict)  # field id -> label text
    links: list = field(default_factory=list)  # (text, href)
    buttons: list = field(default_factory=list)  # text of each button
    inputs: list = field(default_factory=list)  # attributes of each input
    main_text: str = ""

    @property
    def h1(self):
        [text] = [text for level, text in self.headings if level == 1]
        return text

    def link(self, text):
        """The address of the link with this text; a page that has none fails the test."""
        hrefs = [href for link_text, href in self.links if link_text == text]
        assert hrefs, f"no link {text!r} among {[text for text, _ in self.links]}"
        return hrefs[0]

    def has_link(self, text):
        return any(link_text == text for link_text, _ in self.links)


class PageParser(HTMLParser):
    # Elements whose text is read out as one thing.
    CAPTURED = {"title", "h1", "h2", "h3", "label", "a", "button"}
    # Elements that separate the words before and after them.
    SEPARATING = {"p", "div", "li", "td", "th", "tr", "br", "dt", "dd", "h1", "h2", "h3", "label"}

    def __init__(self):
        super().__init__()
        self.page = Page()
        self.open = []  # [tag, attrs, text] of each captured element being read
        self.in_main = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        if self.in_main and tag in self.SEPARATING:
            self.page.main_text += " "
        if not self.in_main and tag != "title":
            return
        if tag == "input":
            self.page.inputs.append(attrs)
        if tag in self.CAPTURED:
            self.open.append([tag, attrs, ""])

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        if self.in_main and tag in self.SEPARATING:
            self.page.main_text += " "
        if not self.open or self.open[-1][0] != tag:
            return
        tag, attrs, text = self.open.pop()
        text = words(text)
        if tag == "title":
            self.page.title = text
        elif tag in ("h1", "h2", "h3"):
            self.page.headings.append((int(tag[1]), text))
        elif tag == "label":
            self.page.labels[attrs.get("for")] = text
        elif tag == "a":
            self.page.links.append((text, attrs.get("href")))
        elif tag == "button":
            self.page.buttons.append(text)

    def handle_data(self, data):
        for element in self.open:
            element[2] += data
        if self.in_main:
            self.page.main_text += data


def read(html):
    parser = PageParser()
    parser.feed(html if isinstance(html, str) else html.decode())
    parser.page.main_text = words(parser.page.main_text)
    return parser.page
