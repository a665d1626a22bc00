"""Reading a page as a person does: its headings, links, labelled fields and the text of a region.

Tests assert on these instead of on substrings of the markup, so that they check what a visitor
perceives and keep passing when markup that means the same is written differently. Every
function takes a response, an HTML string or an element found by another of them.
"""

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

WHITESPACE = re.compile(r"\s+")
# Elements whose text reads as separate from what is around it.
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "legend", "li", "main", "nav", "ol", "option", "p", "section",
    "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip
NOT_SHOWN = {"head", "script", "style", "template"}
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
LANDMARKS = {"article", "aside", "fieldset", "footer", "form", "header", "main", "nav", "section"}


def page(source):
    """The parsed document of a response (parsed once, then kept on it), of HTML text, or the
    element itself."""
    if isinstance(source, Tag):
        return source
    if isinstance(source, str | bytes):
        return BeautifulSoup(source, "html.parser")
    parsed = getattr(source, "_parsed_html", None)
    if parsed is None:
        parsed = source._parsed_html = BeautifulSoup(source.content.decode(), "html.parser")
    return parsed


def normalised(value):
    return WHITESPACE.sub(" ", value).strip()


def _shown_strings(element, *, spoken=False):
    for child in element.children:
        if isinstance(child, Tag):
            if child.name in NOT_SHOWN or (spoken and child.get("aria-hidden") == "true"):
                continue
            gap = " " if child.name in BLOCKS else ""
            yield gap
            yield from _shown_strings(child, spoken=spoken)
            yield gap
        elif type(child) is NavigableString:  # not a comment, doctype or the like
            yield str(child)


def text(source):
    """The text a person reads, whitespace normalised, without scripts, styles or the head."""
    return normalised("".join(_shown_strings(page(source))))


def spoken_text(source):
    """The text a screen reader reads out: without what is aria-hidden."""
    return normalised("".join(_shown_strings(page(source), spoken=True)))


def html_of(email):
    """The HTML part of an email that has one, beside its text."""
    [(html, _)] = email.alternatives
    return html


def select(source, selector):
    return page(source).select(selector)


def find(source, selector):
    """The first element matching the CSS selector; fails the test when there is none."""
    element = page(source).select_one(selector)
    assert element is not None, f"Nothing on the page matches {selector!r}"
    return element


def main(source):
    """The page's main content: what differs from page to page (the header and footer left out)."""
    return find(source, "main")


def count(source, selector):
    return len(select(source, selector))


def text_of(source, selector):
    """The text of the first element matching the CSS selector."""
    return text(find(source, selector))


def texts_of(source, selector):
    """The text of each element matching the CSS selector, in page order."""
    return [text(element) for element in select(source, selector)]


def title(source):
    return normalised(find(source, "title").get_text())


def meta(source, name):
    """The content of a <meta> element by its name or property (Open Graph)."""
    element = find(source, f'meta[name="{name}"], meta[property="{name}"]')
    return element.get("content")


def headings(source, level=None):
    """The text of each heading (of one level, if given), in page order."""
    return texts_of(source, f"h{level}" if level else ",".join(HEADINGS))


def h1(source):
    """The text of the page's one <h1>; fails the test unless there is exactly one."""
    found = headings(source, 1)
    assert len(found) == 1, f"Expected exactly one <h1>, found {found}"
    return found[0]


def region(source, heading):
    """The part of the page that a heading with this text names: its closest section, aside,
    nav, form or other landmark."""
    for element in page(source).find_all(HEADINGS):
        if text(element) == heading:
            for parent in element.parents:
                if parent.name in LANDMARKS or parent.has_attr("role"):
                    return parent
            return page(source)
    raise AssertionError(f"No heading {heading!r} on the page; headings: {headings(source)}")


def links(source):
    """Each link's text and target, {text: href}; when texts repeat, the first link counts."""
    found = {}
    for link in select(source, "a[href]"):
        found.setdefault(text(link), link["href"])
    return found


def spoken_links(source):
    """Each link's accessible name (its text without what is aria-hidden) and target."""
    found = {}
    for link in select(source, "a[href]"):
        found.setdefault(spoken_text(link), link["href"])
    return found


def link_targets(source):
    """The target of every link, in page order."""
    return [link["href"] for link in select(source, "a[href]")]


@dataclass(frozen=True)
class Crumb:
    label: str
    href: str | None = None
    current: bool = False


HOME = Crumb("Home", "/")


def breadcrumbs(source):
    """The page's breadcrumb trail as a screen reader meets it (a navigation landmark, named
    "Breadcrumb" in the page's language), or None when it has none; a page never has two."""
    trails = select(source, "nav.breadcrumbs[aria-label]")
    assert len(trails) <= 1, "more than one breadcrumb trail"
    if not trails:
        return None
    return [
        Crumb(
            text(item),
            href=link["href"] if (link := item.find("a", href=True)) else None,
            current=item.select_one('[aria-current="page"]') is not None,
        )
        for item in trails[0].find_all("li")
    ]


def table(source, selector="table"):
    """The body rows of a table, each as {column heading: cell text}."""
    element = find(source, selector)
    columns = texts_of(element, "thead th, thead td")
    rows = []
    for row in element.select("tbody tr"):
        cells = [text(cell) for cell in row.find_all(["th", "td"], recursive=False)]
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows


def summary_list(source):
    """Each row of the page's summary lists (a question and its answer, say) as (key, value, the
    target of its "Change" link or None)."""
    rows = []
    for row in select(source, "dl.summary-list > div"):
        values = [text(dd) for dd in row.select("dd:not(.summary-list__actions)")]
        action = row.select_one(".summary-list__actions a[href]")
        rows.append((text_of(row, "dt"), values[0] if values else "", action and action["href"]))
    return rows


def labels(source):
    return texts_of(source, "label")


def field_by_label(source, label):
    """The input, select or textarea that the label with this text (a trailing colon aside)
    names; fails the test unless exactly one label matches."""
    document = page(source)
    matching = [
        element
        for element in document.find_all("label")
        if text(element).removesuffix(":").strip() == label.removesuffix(":")
    ]
    assert len(matching) == 1, f"Expected one label {label!r}, found {labels(source)}"
    element = matching[0]
    control = (
        document.find(id=element["for"])
        if element.has_attr("for")
        else element.find(["input", "select", "textarea"])
    )
    assert control is not None, f"The label {label!r} names no field"
    return control


def hint(source, label):
    """What the page says about a field beside its label: the text of the elements its
    aria-describedby names (help text, and errors where a form names those too)."""
    document = page(source)
    described_by = field_by_label(document, label).get("aria-describedby", "").split()
    return normalised(" ".join(text(document.find(id=element_id)) for element_id in described_by))


def buttons(source):
    """The text of each button (the value of an <input type="submit">)."""
    return [
        text(button) or button.get("value", "")
        for button in select(source, "button, input[type=submit]")
    ]


def fields(source):
    """The name of every form field, in page order (hidden fields included)."""
    return [
        element["name"]
        for element in select(source, "input[name], select[name], textarea[name], button[name]")
    ]


def messages(source):
    """The messages shown after an action ("You are signed out."), on the portal's pages and
    in the admin."""
    return texts_of(source, ".messages [role], .messagelist li")


@dataclass
class FormErrors:
    summary: list = field(default_factory=list)  # the items of the summary at the top
    summary_links: dict = field(default_factory=dict)  # {item text: the field it links to}
    fields: dict = field(default_factory=dict)  # {field name: its messages next to it}

    def __bool__(self):
        return bool(self.summary or self.fields)


def errors(source):
    """What a form says is wrong: the summary at the top of the page (each item and the field
    it links to) and, for each field, the messages shown next to it ("__all__" for those about
    the whole form)."""
    summary = page(source).select_one(".error-summary")
    found = FormErrors(
        summary=texts_of(summary, "li") if summary else [],
        summary_links=links(summary) if summary else {},
    )
    for errorlist in select(source, "ul.errorlist"):
        if "nonfield" in errorlist.get("class", []):
            name = "__all__"
        else:
            name = errorlist.get("id", "").removeprefix("id_").removesuffix("_error")
        found.fields.setdefault(name, []).extend(texts_of(errorlist, "li"))
    return found
