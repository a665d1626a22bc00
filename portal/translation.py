"""Content in English and Simplified Chinese: each translated text field `<name>` has a column
`<name>_zh_hans` beside it, which editors fill in the admin. The English column is the original
and is always filled; the Chinese one may be empty.

Pages read the text in the language of the request through `item.localised.<name>`: the Chinese
where it exists, else the English, marked so that the page can say `lang="en"` on the element
that holds it. English pages never read the Chinese columns.
"""

import re

from django.contrib import admin
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .languages import bcp47

CHINESE = "zh-hans"
SUFFIX = "_zh_hans"


def chinese_field(name):
    return f"{name}{SUFFIX}"


def chinese_fields(names):
    return [chinese_field(name) for name in names]


def chinese_is_active():
    return (get_language() or "").lower() == CHINESE


# Chinese characters: the CJK Unified Ideographs, Extension A and the compatibility ideographs,
# as the database function portal_han_bigrams reads them.
HAN_CHARACTER = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
LATIN_LETTER = "[A-Za-z]"
WRITING_SYSTEMS = (HAN_CHARACTER, LATIN_LETTER)


def written_lang_attr(text):
    """` lang="…"` for what a person wrote (a note, a message, an answer) where its letters show
    it is not in the page's language: Latin letters and no Chinese characters are English,
    Chinese characters and no Latin letters Chinese. A text with both is left unmarked."""
    chinese, latin = (re.search(letters, text) is not None for letters in WRITING_SYSTEMS)
    if chinese == latin:
        return ""
    return lang_attr(CHINESE if chinese else "en")


def lang_attr(language_code):
    """` lang="…"` for a text written in `language_code` on a page in another language."""
    if language_code == (get_language() or "").lower():
        return ""
    return format_html(' lang="{}"', bcp47(language_code))


class LocalText(str):
    """A text in the page's language, or the English in its place (`is_english_fallback`)."""

    is_english_fallback = False

    @property
    def lang_attr(self):
        """` lang="en"` where English stands on a Chinese page, else nothing."""
        return lang_attr("en") if self.is_english_fallback else ""


def in_its_language(text):
    """A translated name within a sentence (`item.localised.name|in_its_language` in templates):
    English standing in for a missing Chinese name is marked, so that a screen reader says it in
    English. Not for attributes (`title`, `aria-label`) or <title>, which hold text only."""
    marked = getattr(text, "lang_attr", "")
    return format_html("<span{}>{}</span>", marked, text) if marked else text


class LocalHTML(SafeString):
    """Sanitised rich text (an article's body, an answer), as LocalText."""

    is_english_fallback = False
    lang_attr = LocalText.lang_attr


def local_text(value, *, english_fallback=False):
    text = (LocalHTML if isinstance(value, SafeString) else LocalText)(value)
    text.is_english_fallback = english_fallback
    return text


class Localised:
    """An item's translated fields in the language of the request."""

    def __init__(self, item):
        self._item = item
        self._chinese = chinese_is_active()

    def __getattr__(self, name):
        # A field or a property with a Chinese twin.
        if name.startswith("_") or not hasattr(type(self._item), chinese_field(name)):
            raise AttributeError(name)
        english = getattr(self._item, name)
        if not self._chinese:
            return local_text(english)
        chinese = getattr(self._item, chinese_field(name))
        if chinese or not english:
            return local_text(chinese)
        return local_text(english, english_fallback=True)

    @property
    def is_english_only(self):
        """On a Chinese page, true where the item has no Chinese version to show."""
        return self._chinese and not self._item.has_chinese_version


class Translatable:
    """Mixin for models with translated fields. TRANSLATED_FIELDS names them; the first one
    (a title or name) decides whether the item has a Chinese version at all."""

    TRANSLATED_FIELDS = ()

    @property
    def localised(self):
        return Localised(self)

    @property
    def has_chinese_version(self):
        return bool(getattr(self, chinese_field(self.TRANSLATED_FIELDS[0])))

    @classmethod
    def with_chinese_version(cls):
        """A Q that holds for the items that have a Chinese version."""
        return ~Q(**{chinese_field(cls.TRANSLATED_FIELDS[0]): ""})


class ChineseVersionFilter(admin.SimpleListFilter):
    title = _("Chinese version")
    parameter_name = "chinese"

    def lookups(self, request, model_admin):
        return [("yes", _("Has a Chinese version")), ("no", _("English only"))]

    def queryset(self, request, queryset):
        has_chinese = queryset.model.with_chinese_version()
        if self.value() == "yes":
            return queryset.filter(has_chinese)
        if self.value() == "no":
            return queryset.exclude(has_chinese)
        return queryset


@admin.display(description=_("Chinese version"), boolean=True)
def chinese_version(item):
    return item.has_chinese_version


def chinese_fieldset(names, *, description=None):
    """The admin's fieldset of the Chinese fields, after the English ones."""
    options = {"fields": chinese_fields(names), "classes": ["chinese-version"]}
    options["description"] = description or _(
        "Leave a field empty to show the English in its place, with a notice in Chinese."
    )
    return (_("Chinese (Simplified) version"), options)


PREVIEW_LANGUAGES = ("en", CHINESE)
PREVIEW_LANGUAGE_PARAMETER = "language"  # an admin preview's address, the same in both languages


def preview_links(url, english_text):
    """Links to an admin preview in English and in Chinese (the admin has no language prefix:
    the preview is asked for its language)."""
    return format_html(
        '<a href="{}?language=en">{}</a> · <a href="{}?language={}" hreflang="zh-Hans">{}</a>',
        url,
        english_text,
        url,
        CHINESE,
        _("Preview in Chinese"),
    )


def render_preview(request, template_name, context):
    """A preview page in the language that the preview link asked for (English by default)."""
    language = request.GET.get(PREVIEW_LANGUAGE_PARAMETER)
    with translation.override(language if language in PREVIEW_LANGUAGES else "en"):
        return TemplateResponse(request, template_name, context).render()
