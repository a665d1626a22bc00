from django import template

from ..models import Application, Inquiry

register = template.Library()

WIDGET_SIZE = 3


@register.inclusion_tag("applications/widgets/application_status.html", takes_context=True)
def application_status_widget(context):
    user = context["request"].user
    if not user.is_authenticated:
        return {"show": False}
    applications = (
        Application.objects.for_user(user)
        .newest_first()
        .only("reference", "submitted_at", "status")[:WIDGET_SIZE]
    )
    return {"show": True, "applications": applications}


@register.inclusion_tag("applications/widgets/inquiry_status.html", takes_context=True)
def inquiry_status_widget(context):
    user = context["request"].user
    if not user.is_authenticated:
        return {"show": False}
    inquiries = (
        Inquiry.objects.for_user(user)
        .newest_first()
        .only("reference", "submitted_at", "status")[:WIDGET_SIZE]
    )
    return {"show": True, "inquiries": inquiries}
