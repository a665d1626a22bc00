from django import template

from ..models import Application, Inquiry, Service

register = template.Library()

WIDGET_SIZE = 3
SERVICES_WIDGET_SIZE = 8


def case_status_widget(context, model):
    # A signed-in person's latest cases of one kind; a visitor sees no widget at all.
    user = context["request"].user
    if not user.is_authenticated:
        return {"show": False}
    cases = model.objects.for_user(user).newest_first()
    return {
        "show": True,
        "kind": model._meta.model_name,
        "cases": cases.only("reference", "submitted_at", "status")[:WIDGET_SIZE],
    }


@register.inclusion_tag("applications/widgets/case_status.html", takes_context=True)
def application_status_widget(context):
    return case_status_widget(context, Application)


@register.inclusion_tag("applications/widgets/case_status.html", takes_context=True)
def inquiry_status_widget(context):
    return case_status_widget(context, Inquiry)


@register.inclusion_tag("applications/widgets/services.html")
def services_widget():
    services = Service.objects.open().only("name", "slug")[:SERVICES_WIDGET_SIZE]
    return {"services": services}
