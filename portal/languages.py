"""The portal's languages as people and HTML name them, and each page's address in each."""

from django.conf import settings
from django.utils.translation import get_language_from_path

# What the language switch calls each language, in that language.
LANGUAGE_NAMES = {"en": "English", "zh-hans": "中文"}


def bcp47(language_code):
    """Django's language code as HTML's lang attribute writes it: "zh-hans" is "zh-Hans"."""
    language, _, script = language_code.partition("-")
    return f"{language}-{script.title()}" if len(script) == 4 else language_code


def without_language(path):
    """The page's address in the default language: English addresses have no prefix
    (i18n_patterns with prefix_default_language=False), another language's has its code."""
    language = get_language_from_path(path)
    if language and language != settings.LANGUAGE_CODE:
        return path.removeprefix(f"/{language}")
    return path


def in_language(path, code):
    """The same address in the language `code`, by its prefix alone: for an address that no page
    has (a 404), which translate_url() cannot place."""
    # One slash at the start: "//host/..." would be an address on another site.
    path = "/" + without_language(path).lstrip("/")
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"
