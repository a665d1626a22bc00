from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from portal.purge import retire_pages_when_saved

        from . import signals  # noqa: F401
        from .models import Article, Channel

        for model in (Channel, Article):
            retire_pages_when_saved(model)
