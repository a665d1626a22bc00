from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Applications and inquiries")

    def ready(self):
        from portal.purge import retire_pages_when_saved

        from .models import Application, Inquiry, PublishedAnswer, Service

        for model in (Service, PublishedAnswer):
            retire_pages_when_saved(model)
        # The public status boxes and lists show the listed cases.
        for model in (Application, Inquiry):
            retire_pages_when_saved(model, shows=lambda case: case.listed_publicly)
