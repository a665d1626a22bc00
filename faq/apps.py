from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "Frequently asked questions"

    def ready(self):
        from portal.purge import retire_pages_when_saved

        from .models import Question, Topic

        for model in (Topic, Question):
            retire_pages_when_saved(model)
