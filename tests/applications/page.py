"""A page's HTML read as a person meets it: a small tree built with html.parser, searched by tag,
class, id or role, and the text of each part with its white space folded."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    @property
    def text(self):
        parts = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text)
        return " ".join(" ".join(parts).split())

    def find_all(self, tag=None, *, class_=None, **attrs):
        found = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if (
                (tag is None or child.tag == tag)
                and (class_ is None or class_ in child.classes)
                and all(child.attrs.get(name) == value for name, value in attrs.items())
            ):
                found.append(child)
            found.extend(child.find_all(tag, class_=class_, **attrs))
        return found

    def find(self, tag=None, **kwargs):
        found = self.find_all(tag, **kwargs)
        return found[0] if found else None

    def links(self):
        """(text, href) of every link inside."""
        return [(a.text, a.attrs.get("href")) for a in self.find_all("a")]

    def __getitem__(self, name):
        return self.attrs[name]


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("document", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


class Page(Element):
    """The whole document, with what most assertions look at."""

    def __init__(self, html):
        builder = TreeBuilder()
        builder.feed(html if isinstance(html, str) else html.decode())
        super().__init__("document", {})
        self.children = builder.root.children

    @property
    def title(self):
        return self.find("title").text

    @property
    def h1(self):
        [heading] = self.find("main").find_all("h1")
        return heading.text

    @property
    def main(self):
        return self.find("main")

    def error_summary(self):
        """The error summary's problems as (text, the field it links to), or []."""
        summary = self.find("div", class_="error-summary")
        if summary is None:
            return []
        return [
            (item.text, (item.find("a") or Element("a", {})).attrs.get("href"))
            for item in summary.find_all("li")
        ]

    def field_errors(self):
        """{field id: message shown next to it}."""
        return {
            errors["id"].removesuffix("_error"): errors.text
            for errors in self.find_all("ul", class_="errorlist")
            if errors.attrs.get("id")
        }

    def summary_rows(self):
        """Each row of a summary list as (key, value, href of its action link or None)."""
        rows = []
        for summary in self.find_all("dl", class_="summary-list"):
            for row in summary.find_all("div"):
                key = row.find("dt")
                cells = [
                    dd for dd in row.find_all("dd") if "summary-list__actions" not in dd.classes
                ]
                action = row.find("dd", class_="summary-list__actions")
                if key is None:
                    continue
                rows.append(
                    (
                        key.text,
                        cells[0].text if cells else "",
                        action.find("a")["href"] if action is not None else None,
                    )
                )
        return rows

    def section(self, heading):
        """The <section> (or card) whose heading says `heading`."""
        for section in self.find_all("section"):
            title = next((h for h in section.find_all() if h.tag in ("h2", "h3")), None)
            if title is not None and title.text == heading:
                return section
        return None

    def field_names(self):
        return [
            element.attrs.get("name")
            for element in self.find_all()
            if element.tag in ("input", "textarea", "select")
        ]
