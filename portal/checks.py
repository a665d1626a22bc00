from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def base_url_is_set(app_configs, **kwargs):
    if settings.PORTAL_BASE_URL:
        return []
    return [
        Warning(
            "PORTAL_BASE_URL is not set.",
            hint="Links in emails and canonical links then use the request's host name with the "
            "port gunicorn listens on, which behind a proxy is not the public one. Set it to the "
            "address people use, e.g. https://portal.city.example.",
            id="portal.W001",
        )
    ]
