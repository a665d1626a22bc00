from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("Frequently asked questions")

    def ready(self):
        from portal.purge import retire_pages_when_saved

        from .models import Question, Topic

        for model in (Topic, Question):
            retire_pages_when_saved(model)
