"""The admin shows help texts as HTML: one that holds an angle bracket loses what follows it."""

import pytest
from django.apps import apps
from django.utils import translation

PROJECT_APPS = ["accounts", "applications", "faq", "news", "portal"]


def help_texts():
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if getattr(field, "help_text", ""):
                    yield f"{model._meta.label}.{field.name}", field.help_text


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_help_text_holds_markup(language):
    with translation.override(language):
        marked_up = [name for name, help_text in help_texts() if "<" in str(help_text)]

    assert marked_up == []
