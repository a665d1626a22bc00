"""The portal's languages as people and HTML name them."""

# What the language switch calls each language, in that language.
LANGUAGE_NAMES = {"en": "English", "zh-hans": "中文"}


def bcp47(language_code):
    """Django's language code as HTML's lang attribute writes it: "zh-hans" is "zh-Hans"."""
    language, _, script = language_code.partition("-")
    return f"{language}-{script.title()}" if len(script) == 4 else language_code
