"""Finding what each app provides to the whole portal, as the admin finds each app's admin.py."""

import sys

from django.apps import apps
from django.utils.module_loading import autodiscover_modules


def app_modules(name):
    """The `<app>.<name>` module of every installed app that has one, in INSTALLED_APPS order."""
    autodiscover_modules(name)
    modules = (sys.modules.get(f"{config.name}.{name}") for config in apps.get_app_configs())
    return [module for module in modules if module is not None]
