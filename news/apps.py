from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News"

    def ready(self):
        from portal.purge import retire_pages_when_saved

        from . import signals  # noqa: F401
        from .models import Article, Channel

        for model in (Channel, Article):
            retire_pages_when_saved(model)
