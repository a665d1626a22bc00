from django import template
from django.utils import timezone
from django.utils.html import format_html

from portal.templatetags.portal_tags import day_in_words

from ..models import LISTED_FIELDS, Application, Inquiry, Service

register = template.Library()

WIDGET_SIZE = 3
PUBLIC_WIDGET_SIZE = 5
SERVICES_WIDGET_SIZE = 8


def my_cases_widget(context, model):
    # A signed-in person's latest cases of one kind; a visitor sees no widget at all.
    user = context["request"].user
    if not user.is_authenticated:
        return {"hidden": True}
    cases = model.objects.for_user(user).newest_first().as_listed()
    kind = model._meta.model_name
    return {"box": f"my-{kind}", "kind": kind, "cases": cases[:WIDGET_SIZE]}


@register.inclusion_tag("applications/widgets/my_cases.html", takes_context=True)
def my_applications_widget(context):
    return my_cases_widget(context, Application)


@register.inclusion_tag("applications/widgets/my_cases.html", takes_context=True)
def my_inquiries_widget(context):
    return my_cases_widget(context, Inquiry)


@register.inclusion_tag("applications/widgets/public_status.html")
def application_status_widget():
    """The latest applications listed publicly, for every visitor."""
    applications = Application.objects.listed_publicly().newest_first().as_listed()
    return {
        "box": "public-application",
        "kind": "application",
        "cases": applications[:PUBLIC_WIDGET_SIZE],
    }


@register.inclusion_tag("applications/widgets/public_status.html")
def inquiry_status_widget():
    """The latest inquiries whose authors agreed to list them, for every visitor."""
    inquiries = (
        Inquiry.objects.listed_publicly()
        .newest_first()
        .select_related("published_answer")
        .only(*LISTED_FIELDS, "published_answer__id")
    )
    return {"box": "public-inquiry", "kind": "inquiry", "cases": inquiries[:PUBLIC_WIDGET_SIZE]}


@register.inclusion_tag("applications/widgets/services.html")
def services_widget():
    services = Service.objects.open().only("name", "name_zh_hans", "slug")[:SERVICES_WIDGET_SIZE]
    return {"services": services}


@register.simple_tag
def status_tag(status, label):
    """A case's status as a coloured tag: `status` its value, `label` what it says."""
    return format_html('<strong class="status-tag status-tag--{}">{}</strong>', status, label)


@register.simple_tag
def box_date(value):
    """A date in a home page status box: MM-DD to the eye (the full date on hover), the full
    date to a screen reader."""
    local = timezone.localtime(value)
    full = day_in_words(local)
    return format_html(
        '<time datetime="{}"><span aria-hidden="true" title="{}">{}</span>'
        '<span class="visually-hidden">{}</span></time>',
        local.strftime("%Y-%m-%d"),
        full,
        local.strftime("%m-%d"),
        full,
    )
