"""What an article body may contain: the editor offers it, nh3 enforces it on every save."""

import nh3

# The editor's buttons. Headings start at h2: the article title is the page's only h1.
BODY_EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "ul", "ol", "li",
    "blockquote", "a", "table", "caption", "thead", "tbody", "tr", "th", "td", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# The only images the portal serves from uploads: the ready-made sizes of news photos.
OWN_IMAGES = "/news/images/"


def keep_own_images_only(tag, attribute, value):
    # Images from other sites would track readers; only our own files may be shown.
    if tag == "img" and attribute == "src" and not value.startswith(OWN_IMAGES):
        return None
    return value


def sanitise_body(html):
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=keep_own_images_only,
        strip_comments=True,
    )
    # The editor leaves one empty paragraph behind when everything is deleted.
    return "" if cleaned.strip() in {"", "<p></p>"} else cleaned
