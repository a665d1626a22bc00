"""Reading a page's breadcrumbs as a person using a screen reader meets them."""

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Crumb:
    label: str
    href: str | None = None
    current: bool = False


HOME = Crumb("Home", "/")


class BreadcrumbParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.trails = []
        self.in_trail = False
        self.item = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("aria-label") == "Breadcrumb":
            self.in_trail = True
            self.trails.append([])
        elif self.in_trail and tag == "li":
            self.item = {"label": "", "href": None, "current": False}
        elif self.item is not None:
            if tag == "a":
                self.item["href"] = attrs.get("href")
            if attrs.get("aria-current") == "page":
                self.item["current"] = True

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_trail = False
        elif tag == "li" and self.item is not None:
            self.trails[-1].append(Crumb(" ".join(self.item.pop("label").split()), **self.item))
            self.item = None

    def handle_data(self, data):
        if self.item is not None:
            self.item["label"] += data


def breadcrumbs(html):
    """The page's breadcrumb trail, or None when it has none; a page never has two."""
    parser = BreadcrumbParser()
    parser.feed(html)
    assert len(parser.trails) <= 1, "more than one breadcrumb trail"
    return parser.trails[0] if parser.trails else None
